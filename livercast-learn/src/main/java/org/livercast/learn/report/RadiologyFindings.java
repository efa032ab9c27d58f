package org.livercast.learn.report;

import java.time.LocalDate;

/**
 * LI-RADS features of the main lesion as a pre-operative MRI report states them; null where the report is silent.
 *
 * @param rimAphe                rim arterial phase hyperenhancement (LR-M feature: ICC, aggressive HCC)
 * @param nonRimAphe             non-rim ("typical") arterial phase hyperenhancement
 * @param washout                non-peripheral washout in the portal venous or delayed phase
 * @param capsule                enhancing capsule
 * @param nonSmoothMargin        non-smooth tumour margin (a sign of microvascular invasion)
 * @param peritumoralEnhancement arterial peritumoral enhancement (a sign of microvascular invasion)
 * @param liradsCategory         LR-1 … LR-5, LR-M, LR-TIV as printed in the impression
 */
public record RadiologyFindings(Double largestSizeMm, Integer segment, Boolean rimAphe, Boolean nonRimAphe, Boolean washout,
                                Boolean capsule, Boolean nonSmoothMargin, Boolean peritumoralEnhancement,
                                String liradsCategory, LocalDate examDate) {
    public static RadiologyFindings none() {
        return new RadiologyFindings(null, null, null, null, null, null, null, null, null, null);
    }
}
