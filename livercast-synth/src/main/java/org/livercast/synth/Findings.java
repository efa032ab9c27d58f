package org.livercast.synth;

/**
 * What imaging, slides and reports show, decided once per patient so every modality tells a consistent story:
 * LI-RADS-style imaging features and histology.
 *
 * @param lesion             hcc, icc or benign
 * @param rimEnhancement     rim arterial phase hyperenhancement (aggressive HCC, ICC)
 * @param washout            non-peripheral washout (HCC)
 * @param capsule            enhancing capsule on imaging
 * @param nonSmoothMargin    non-smooth tumour margin (MVI sign)
 * @param peritumoral        arterial peritumoral enhancement (MVI sign)
 * @param macrotrabecular    macrotrabecular-massive architecture
 * @param immuneLevel        lymphocyte infiltration 0 (cold) – 2 (hot)
 * @param necrosis           tumour necrosis present
 */
public record Findings(String lesion, boolean rimEnhancement, boolean washout, boolean capsule, boolean nonSmoothMargin,
                       boolean peritumoral, boolean macrotrabecular, int immuneLevel, boolean necrosis) {}
