package org.livercast.synth;

/** How the synthetic centres export their slides. */
public enum SlideFormat {
    /** Aperio-style SVS files, {@code slides/<MRN>-HE1.svs}. */
    SVS,
    /** DICOM whole-slide images, a folder {@code slides/<MRN>-HE1/} of instances (a level each, label, overview). */
    DICOM,
    /** Centres take turns: the second, fifth, … export DICOM (as a digital-pathology PACS would), the others SVS. */
    BY_CENTRE;

    /** Whether centre {@code id} ("C02") writes DICOM. */
    boolean dicomFor(String centreId) {
        return this == DICOM || this == BY_CENTRE && (Integer.parseInt(centreId.substring(1)) - 1) % 3 == 1;
    }

    public static SlideFormat parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "svs" -> SVS;
            case "dicom" -> DICOM;
            case "by-centre", "by-center" -> BY_CENTRE;
            default -> throw new IllegalArgumentException("'" + s + "' is not svs, dicom or by-centre");
        };
    }
}
