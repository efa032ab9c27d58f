package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.livercast.learn.model.ModelStore;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.models.RegisteredModel;

/** A model named on the command line: a model folder, or its id (or an id prefix) in the store — a therapy ensemble's too. */
final class ModelArgument {
    private ModelArgument() {}

    /**
     * The folder holding the model: a folder is used as it is (and registered, so predictions can refer to it); an id is
     * fetched from the store and materialised once per id under the home folder (the id is the content, so the copy
     * never goes stale).
     */
    static Path folder(String model, ModelRegistry registry, Path home) throws IOException {
        Path dir = Path.of(model);
        if (Files.isDirectory(dir)) {
            register(dir, registry);
            return dir;
        }
        RegisteredModel r;
        try {
            r = registry.find(model).orElseThrow(() -> new NotFoundException("no model " + model + " in the store (livercast models lists them)"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        if (r.weights().length == 0) return ensemble(r, registry, home);
        Path cache = home.resolve("models").resolve(r.modelId());
        if (!Files.exists(cache.resolve("model.json"))) {
            Files.createDirectories(cache);
            Files.write(cache.resolve("weights.params"), r.weights());
            Files.writeString(cache.resolve("model.json"), r.cardJson());
        }
        return cache;
    }

    /**
     * An adjuvant-therapy ensemble from the registry, materialised once under the home folder as its trained folder is
     * laid out: therapy.json (its card) and member-0, member-1, … each its registered member, in the card's order (which
     * loading checks). therapy.json is written last, so a folder without it is an interrupted copy and is made again.
     */
    private static Path ensemble(RegisteredModel r, ModelRegistry registry, Path home) throws IOException {
        Path cache = home.resolve("models").resolve(r.modelId());
        if (Files.exists(cache.resolve("therapy.json"))) return cache;
        var members = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.cardJson()).path("members");
        if (!members.isArray() || members.isEmpty()) throw new NotFoundException("model " + r.modelId().substring(0, 12) + ": its card names no members");
        for (int i = 0; i < members.size(); i++) {
            Path member = folder(members.get(i).asText(), registry, home);
            Path to = Files.createDirectories(cache.resolve("member-" + i));
            for (String f : List.of("model.json", "weights.params")) {
                Files.copy(member.resolve(f), to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(cache.resolve("therapy.json"), r.cardJson());
        return cache;
    }

    /**
     * Registers an adjuvant-therapy ensemble folder: each member as the model it is, then the ensemble under the id its
     * recommendations record (the hash of the whole folder, {@link PredictCommand#therapyId}) with its card
     * (therapy.json: the members' ids, the policy's held-out metrics) and no weights of its own — they are its members'
     * rows — so every recommendation names a model the registry holds.
     *
     * @return the ensemble's id
     */
    static String registerTherapy(Path dir, ModelRegistry registry) throws IOException {
        List<Path> members;
        try (var list = Files.list(dir)) {
            members = list.filter(p -> p.getFileName().toString().startsWith("member-") && Files.isDirectory(p)).sorted().toList();
        }
        if (members.isEmpty()) throw new IllegalArgumentException(dir + ": a therapy model folder holds member-0, member-1, …; none here");
        for (Path m : members) register(m, registry);
        var first = ModelStore.card(members.get(0));
        String id = PredictCommand.therapyId(dir);
        registry.register(new RegisteredModel(id, "therapy", first.codeVersion(), first.trainingDataSha256(), Files.readString(dir.resolve("therapy.json")),
                new byte[0]));
        return id;
    }

    /** Registers the model in {@code dir}; false when the store already had it. */
    static boolean register(Path dir, ModelRegistry registry) throws IOException {
        var card = ModelStore.card(dir);
        return registry.register(new RegisteredModel(card.modelId(), card.kind().id(), card.codeVersion(), card.trainingDataSha256(),
                Files.readString(dir.resolve("model.json")), Files.readAllBytes(dir.resolve("weights.params"))));
    }
}
