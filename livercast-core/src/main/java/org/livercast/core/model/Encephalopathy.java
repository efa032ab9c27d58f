package org.livercast.core.model;

/** Hepatic encephalopathy as graded for Child-Pugh (West Haven grades). */
public enum Encephalopathy { NONE, GRADE_1_2, GRADE_3_4 }
