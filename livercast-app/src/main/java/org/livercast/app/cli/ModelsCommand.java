package org.livercast.app.cli;

import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import picocli.CommandLine.Command;

/** {@code livercast models}: the registered models with their held-out metrics. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the models registered in the store.")
final class ModelsCommand extends Leaf {
    @Override
    public Integer call() {
        try (Database db = root().openDatabase()) {
            var list = new ModelRegistry(db.jdbi()).list();
            if (list.isEmpty()) out().println("no models registered (livercast train adds them)");
            // Which encoder read a slide model's slides: two POST models on different foundation models look alike otherwise.
            for (var m : list) {
                out().printf("%s  %-5s %s  %s  %s%s%n", m.modelId().substring(0, 12), m.kind(), m.registeredAt(), m.codeVersion(),
                        m.tileEncoderId() == null ? "" : "tiles " + m.tileEncoderId() + "  ", m.metricsJson());
            }
        }
        return ExitCodes.OK;
    }
}
