package org.livercast.synth;

/** How the synthetic centres export their slides. */
public enum SlideFormat {
    /** Aperio-style SVS files, {@code slides/<MRN>-HE1.svs}. */
    SVS,
    /** DICOM whole-slide images, a folder {@code slides/<MRN>-HE1/} of instances (a level each, label, overview). */
    DICOM,
    /** Hamamatsu NDPI files, {@code slides/<MRN>-HE1.ndpi}, as a NanoZoomer writes them. */
    NDPI,
    /** Philips IntelliSite TIFF files, {@code slides/<MRN>-HE1.tiff}, the label and barcode inside the XML. */
    PHILIPS,
    /** 3DHISTECH MIRAX slides, {@code slides/<MRN>-HE1.mrxs} and the folder {@code slides/<MRN>-HE1/} beside it. */
    MIRAX,
    /** Roche Ventana BIF files, {@code slides/<MRN>-HE1.bif}, as a Ventana DP scanner writes them. */
    VENTANA,
    /**
     * Hamamatsu VMS slides, {@code slides/<MRN>-HE1.vms} and the files it names beside it (a grid of JPEGs, the map,
     * the macro, the optimisation file), as a NanoZoomer of the VMS era wrote them; not in the centres' turns.
     */
    VMS,
    /**
     * Centres take turns: the first, seventh, … export SVS; the second, eighth, … DICOM (as a digital-pathology PACS
     * would); the third, ninth, … NDPI (as a NanoZoomer would); the fourth, tenth, … Philips TIFF; the fifth, eleventh,
     * … MIRAX (as a 3DHISTECH scanner would); the sixth, twelfth, … Ventana BIF.
     */
    BY_CENTRE;

    /** The format centre {@code id} ("C02") writes: SVS, DICOM, NDPI, Philips TIFF, MIRAX or Ventana BIF. */
    SlideFormat formatFor(String centreId) {
        if (this != BY_CENTRE) return this;
        return switch ((Integer.parseInt(centreId.substring(1)) - 1) % 6) {
            case 1 -> DICOM;
            case 2 -> NDPI;
            case 3 -> PHILIPS;
            case 4 -> MIRAX;
            case 5 -> VENTANA;
            default -> SVS;
        };
    }

    public static SlideFormat parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "svs" -> SVS;
            case "dicom" -> DICOM;
            case "ndpi" -> NDPI;
            case "philips" -> PHILIPS;
            case "mirax" -> MIRAX;
            case "ventana", "bif" -> VENTANA;
            case "vms" -> VMS;
            case "by-centre", "by-center" -> BY_CENTRE;
            default -> throw new IllegalArgumentException("'" + s + "' is not svs, dicom, ndpi, philips, mirax, ventana, vms or by-centre");
        };
    }
}
