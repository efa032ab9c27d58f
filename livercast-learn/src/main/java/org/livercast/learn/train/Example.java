package org.livercast.learn.train;

import org.livercast.learn.nn.DiscreteTime;

/**
 * One patient as the network sees it: a vector per modality (zeros where absent), the presence mask, and the
 * targets. {@code aggressiveKnown} is 0 for a patient censored before 2 years without recurrence (not evaluable).
 * {@code weight} scales the patient's share of the loss: 1, or an inverse-probability-of-treatment weight when
 * learning treatment effects from observational data.
 */
public record Example(String patientId, float[][] inputs, float[] present, float aggressive, float aggressiveKnown,
                      double rfsDays, boolean rfsEvent, float[] survived, float[] eventAt, float weight) {
    public Example withWeight(float w) {
        return new Example(patientId, inputs, present, aggressive, aggressiveKnown, rfsDays, rfsEvent, survived, eventAt, w);
    }

    public static Example of(String patientId, float[][] inputs, float[] present, Boolean aggressive, double rfsDays, boolean rfsEvent) {
        float[] s = new float[DiscreteTime.INTERVALS];
        float[] e = new float[DiscreteTime.INTERVALS];
        DiscreteTime.targets(rfsDays, rfsEvent, s, e);
        return new Example(patientId, inputs, present, aggressive != null && aggressive ? 1f : 0f, aggressive == null ? 0f : 1f,
                rfsDays, rfsEvent, s, e, 1f);
    }
}
