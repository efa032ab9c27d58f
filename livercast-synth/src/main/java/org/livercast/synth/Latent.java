package org.livercast.synth;

/**
 * The hidden tumour biology that drives every modality: aggressiveness, vascular-invasion propensity (correlated
 * with aggressiveness), immune infiltration, de-differentiation (correlated), and liver background (cirrhosis).
 * All standard-normal on their own scale.
 */
public record Latent(double aggressiveness, double vascularPropensity, double immune, double dedifferentiation,
                     double liverDamage) {}
