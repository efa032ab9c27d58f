package org.livercast.synth;

/** How the synthetic centres export their slides. */
public enum SlideFormat {
    /** Aperio-style SVS files, {@code slides/<MRN>-HE1.svs}. */
    SVS,
    /** DICOM whole-slide images, a folder {@code slides/<MRN>-HE1/} of instances (a level each, label, overview). */
    DICOM,
    /** Hamamatsu NDPI files, {@code slides/<MRN>-HE1.ndpi}, as a NanoZoomer writes them. */
    NDPI,
    /**
     * Centres take turns: the first, fourth, … export SVS; the second, fifth, … DICOM (as a digital-pathology PACS
     * would); the third, sixth, … NDPI (as a NanoZoomer would).
     */
    BY_CENTRE;

    /** The format centre {@code id} ("C02") writes: SVS, DICOM or NDPI. */
    SlideFormat formatFor(String centreId) {
        if (this != BY_CENTRE) return this;
        return switch ((Integer.parseInt(centreId.substring(1)) - 1) % 3) {
            case 1 -> DICOM;
            case 2 -> NDPI;
            default -> SVS;
        };
    }

    public static SlideFormat parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "svs" -> SVS;
            case "dicom" -> DICOM;
            case "ndpi" -> NDPI;
            case "by-centre", "by-center" -> BY_CENTRE;
            default -> throw new IllegalArgumentException("'" + s + "' is not svs, dicom, ndpi or by-centre");
        };
    }
}
