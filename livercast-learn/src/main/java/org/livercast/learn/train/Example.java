package org.livercast.learn.train;

import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.ModalityVectors;

/**
 * One patient as the network sees it: a vector per modality (zeros where absent), the presence mask, and the
 * targets: binary labels with a known-mask (PRE/POST: aggressive recurrence, unknown for a patient censored before 2
 * years without recurrence; diagnosis: malignant, and ICC among malignant lesions) and the survival targets of RFS and
 * of OS per {@link DiscreteTime} interval (all zero when a model learns no survival). {@code weight} scales the
 * patient's share of the loss.
 */
public record Example(String patientId, ModalityVectors inputs, float[] present, float[] labels, float[] known,
                      double rfsDays, boolean rfsEvent, float[] survived, float[] eventAt, float[] osSurvived, float[] osEventAt, float weight) {
    public Example withWeight(float w) {
        return new Example(patientId, inputs, present, labels, known, rfsDays, rfsEvent, survived, eventAt, osSurvived, osEventAt, w);
    }

    /** Binary labels only (null = unknown), no survival. */
    public static Example ofLabels(String patientId, ModalityVectors inputs, float[] present, Boolean... labels) {
        float[] y = new float[labels.length];
        float[] k = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = Boolean.TRUE.equals(labels[i]) ? 1f : 0f;
            k[i] = labels[i] == null ? 0f : 1f;
        }
        int n = DiscreteTime.INTERVALS;
        return new Example(patientId, inputs, present, y, k, 0, false, new float[n], new float[n], new float[n], new float[n], 1f);
    }

    /** Aggressive recurrence and RFS only: the OS targets are all zero, so the OS head learns nothing from this patient. */
    public static Example withoutOs(String patientId, ModalityVectors inputs, float[] present, Boolean aggressive, double rfsDays, boolean rfsEvent) {
        Example e = of(patientId, inputs, present, aggressive, rfsDays, rfsEvent, 0, false);
        java.util.Arrays.fill(e.osSurvived(), 0f);
        java.util.Arrays.fill(e.osEventAt(), 0f);
        return e;
    }

    public static Example of(String patientId, ModalityVectors inputs, float[] present, Boolean aggressive, double rfsDays, boolean rfsEvent,
                             double osDays, boolean osEvent) {
        float[] s = new float[DiscreteTime.INTERVALS];
        float[] e = new float[DiscreteTime.INTERVALS];
        DiscreteTime.targets(rfsDays, rfsEvent, s, e);
        float[] os = new float[DiscreteTime.INTERVALS];
        float[] osE = new float[DiscreteTime.INTERVALS];
        DiscreteTime.targets(osDays, osEvent, os, osE);
        return new Example(patientId, inputs, present, new float[] {aggressive != null && aggressive ? 1f : 0f},
                new float[] {aggressive == null ? 0f : 1f}, rfsDays, rfsEvent, s, e, os, osE, 1f);
    }
}
