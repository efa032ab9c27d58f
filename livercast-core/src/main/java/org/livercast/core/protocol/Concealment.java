package org.livercast.core.protocol;

import java.util.List;

/**
 * A model output a protocol keeps from the people caring for its enrolled patients, and why — P4's prospective phase
 * records the therapy model's recommendation but never shows it, so that it cannot change care and the
 * prediction-consistent and -inconsistent cohorts are what physicians chose on their own.
 *
 * @param output which output ({@link #OUTPUTS})
 * @param reason what a clinician is told in its place
 */
public record Concealment(String output, String reason) {
    /** The therapy model's recommended strategy, its per-strategy RFS and its predicted gain. */
    public static final String ADJUVANT_RECOMMENDATION = "adjuvant_recommendation";
    /** The outputs LiverCast can conceal (those it shows on patient-level pages and APIs). */
    public static final List<String> OUTPUTS = List.of(ADJUVANT_RECOMMENDATION);
}
