package org.livercast.learn.train;

import org.livercast.learn.nn.DiscreteTime;

/**
 * One patient as the network sees it: a vector per modality (zeros where absent), the presence mask, and the
 * targets: binary labels with a known-mask (PRE/POST: aggressive recurrence, unknown for a patient censored before 2
 * years without recurrence; diagnosis: malignant, and ICC among malignant lesions) and the survival targets (all zero
 * when a model learns no survival). {@code weight} scales the patient's share of the loss.
 */
public record Example(String patientId, float[][] inputs, float[] present, float[] labels, float[] known,
                      double rfsDays, boolean rfsEvent, float[] survived, float[] eventAt, float weight) {
    public Example withWeight(float w) {
        return new Example(patientId, inputs, present, labels, known, rfsDays, rfsEvent, survived, eventAt, w);
    }

    /** Binary labels only (null = unknown), no survival. */
    public static Example ofLabels(String patientId, float[][] inputs, float[] present, Boolean... labels) {
        float[] y = new float[labels.length];
        float[] k = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = Boolean.TRUE.equals(labels[i]) ? 1f : 0f;
            k[i] = labels[i] == null ? 0f : 1f;
        }
        return new Example(patientId, inputs, present, y, k, 0, false, new float[DiscreteTime.INTERVALS], new float[DiscreteTime.INTERVALS], 1f);
    }

    public static Example of(String patientId, float[][] inputs, float[] present, Boolean aggressive, double rfsDays, boolean rfsEvent) {
        float[] s = new float[DiscreteTime.INTERVALS];
        float[] e = new float[DiscreteTime.INTERVALS];
        DiscreteTime.targets(rfsDays, rfsEvent, s, e);
        return new Example(patientId, inputs, present, new float[] {aggressive != null && aggressive ? 1f : 0f},
                new float[] {aggressive == null ? 0f : 1f}, rfsDays, rfsEvent, s, e, 1f);
    }
}
