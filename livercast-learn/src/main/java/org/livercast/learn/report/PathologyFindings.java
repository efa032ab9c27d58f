package org.livercast.learn.report;

import java.time.LocalDate;
import java.util.List;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.ResectionMargin;

/**
 * What a pathology report states about the resected tumour. A finding the report does not state is null — never a
 * default — so a model sees "not reported" as its own value.
 *
 * @param tumourSizesMm every tumour size the diagnosis line lists, in mm, largest first
 * @param reportDate    the date printed in the report, when it has one
 */
public record PathologyFindings(Diagnosis diagnosis, MviGrade mvi, Integer edmondsonGrade, Boolean satelliteNodules,
                                Boolean capsuleComplete, ResectionMargin margin, List<Double> tumourSizesMm,
                                LocalDate reportDate) {
    public PathologyFindings {
        tumourSizesMm = List.copyOf(tumourSizesMm == null ? List.of() : tumourSizesMm);
    }

    public static PathologyFindings none() {
        return new PathologyFindings(null, null, null, null, null, null, List.of(), null);
    }
}
