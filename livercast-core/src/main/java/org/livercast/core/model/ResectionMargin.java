package org.livercast.core.model;

/** Residual tumour classification after resection. */
public enum ResectionMargin { R0, R1, R2 }
