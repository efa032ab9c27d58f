package org.livercast.core.model;

/** A liver lesion's diagnosis, clinical (before surgery) or histological (after). */
public enum Diagnosis {
    HCC,
    /** Intrahepatic cholangiocarcinoma. */
    ICC,
    /** Combined hepatocellular-cholangiocarcinoma. */
    CHCC_CCA,
    OTHER_MALIGNANT,
    BENIGN;

    public boolean isMalignant() { return this != BENIGN; }
}
