package org.livercast.core.model;

/** Imaging modality, as in DICOM (0008,0060). */
public enum Modality { MR, CT }
