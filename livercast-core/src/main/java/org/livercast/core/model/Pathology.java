package org.livercast.core.model;

import org.livercast.core.Checks;

/**
 * Post-operative pathology of the resected specimen. Any part may be unknown (null) until the report arrives.
 *
 * @param edmondsonGrade Edmondson-Steiner grade 1-4 (3-4 = poor differentiation)
 * @param majorVesselInvolvement tumour involves a major branch of the portal or hepatic vein (AJCC T4)
 * @param adjacentOrganInvasion  direct invasion of organs other than the gallbladder or visceral peritoneum
 *                               perforation (AJCC T4)
 */
public record Pathology(Diagnosis diagnosis, MviGrade mvi, Integer edmondsonGrade, Boolean satelliteNodules,
                        Boolean capsuleComplete, ResectionMargin margin, Boolean majorVesselInvolvement,
                        Boolean adjacentOrganInvasion, Boolean regionalNodeMetastasis) {
    public Pathology {
        if (edmondsonGrade != null) Checks.inRange("pathology.edmondson_grade", edmondsonGrade, 1, 4);
    }

    public static Pathology unknown() {
        return new Pathology(null, null, null, null, null, null, null, null, null);
    }

    public boolean poorlyDifferentiated() { return edmondsonGrade != null && edmondsonGrade >= 3; }
}
