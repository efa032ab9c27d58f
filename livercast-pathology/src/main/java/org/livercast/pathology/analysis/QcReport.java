package org.livercast.pathology.analysis;

import java.util.List;

/**
 * Slide QC as protocol P4 needs it: how much tissue, and the fraction of it affected by each artefact, with the
 * accept/reject decision and the reasons. Fractions are of tissue area (blur: of sampled tissue tiles).
 */
public record QcReport(double tissueAreaMm2, double tissueFraction, double blurredFraction, double foldFraction,
                       double penFraction, double medianTissueSaturation, boolean faded, boolean accepted, List<String> reasons,
                       Macenko.Stains stains) {}
