package org.livercast.learn.train;

import java.util.Map;
import org.livercast.learn.model.InputEncoder;

/**
 * One patient of a PRE or POST training run as the run uses it: the case and its outcomes, its inputs encoded for the
 * network, and the feature groups the statistical baselines read ({@link BaselineComparison}; in the order they are
 * reported).
 */
record EncodedCase(LabelledCase c, InputEncoder.Encoded encoded, Map<String, float[]> groups) {

    /** The patient as a training example for the networks. */
    Example example() {
        return Example.of(c.patient().id(), encoded.vectors(), encoded.present(), c.aggressive(), c.rfsDays(), c.rfsEvent(), c.osDays(), c.osEvent());
    }
}
