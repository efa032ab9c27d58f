package org.livercast.core.model;

/**
 * Microvascular invasion by the Chinese pathology grading: M0 none, M1 ≤5 invaded vessels within 1 cm of the
 * tumour, M2 >5 vessels or beyond 1 cm.
 */
public enum MviGrade {
    M0, M1, M2;

    public boolean present() { return this != M0; }
}
