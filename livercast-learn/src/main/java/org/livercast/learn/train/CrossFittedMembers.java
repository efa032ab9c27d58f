package org.livercast.learn.train;

import ai.djl.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.RiskNet;

/**
 * The members of a cross-fitted deep ensemble (PRE, POST, diagnosis): member k starts from seed + k, stops early on its
 * own fold of the training patients ({@link CrossFitting}) and fits on the rest.
 *
 * @param nets    the members' networks, for the ensemble the model averages
 * @param alone   each member as a model of its own (uncalibrated), for out-of-fold scoring
 * @param history the first member's loss curves, for the report
 */
record CrossFittedMembers(List<Model> nets, List<TrainedModel> alone, Fitter.History history) {
    /**
     * @param name  the first member's model name; the others get "-1", "-2" …
     * @param all   every training patient, in the split's order
     */
    static CrossFittedMembers train(String name, Supplier<RiskNet> network, InputEncoder encoder, CrossFitting split, List<Example> all,
                                    FitConfig fit, Consumer<String> progress) {
        List<Model> nets = new ArrayList<>();
        List<TrainedModel> alone = new ArrayList<>();
        Fitter.History history = null;
        for (int k = 0; k < fit.members(); k++) {
            Model model = Model.newInstance(name + (k == 0 ? "" : "-" + k));
            model.setBlock(network.get());
            if (fit.members() > 1) progress.accept(String.format(Locale.ROOT, "member %d/%d", k + 1, fit.members()));
            int fold = split.foldOf(k);
            Fitter.History h = Fitter.fit(model, split.fit(all, fold), split.validation(all, fold), fit.member(k), progress);
            if (history == null) history = h;
            alone.add(ModelStore.identify(model, encoder, 0, 1));
            nets.add(model);
        }
        return new CrossFittedMembers(List.copyOf(nets), List.copyOf(alone), history);
    }
}
