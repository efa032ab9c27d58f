package org.livercast.core.model;

/** A reader's verdict on whether a study can be interpreted. */
public enum ImageQuality { ACCEPTABLE, SEVERE_ARTEFACTS }
