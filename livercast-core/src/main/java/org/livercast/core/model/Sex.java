package org.livercast.core.model;

public enum Sex { MALE, FEMALE }
