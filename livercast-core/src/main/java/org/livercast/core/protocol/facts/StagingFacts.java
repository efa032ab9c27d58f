package org.livercast.core.protocol.facts;

import static org.livercast.core.protocol.FactType.BOOLEAN;
import static org.livercast.core.protocol.FactType.NUMBER;
import static org.livercast.core.protocol.FactType.TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Pathology;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.core.staging.Ajcc8;
import org.livercast.core.staging.Albi;
import org.livercast.core.staging.Bclc;
import org.livercast.core.staging.Cnlc;
import org.livercast.core.staging.Imbrave050;
import org.livercast.core.staging.TransplantCriteria;

/** Liver function scores, tumour burden and the staging systems, computed from the pre-operative record. */
final class StagingFacts {
    private StagingFacts() {}

    static List<FactDefinition> all() {
        return new FactList()
                .add("child_pugh_score", NUMBER, "Child-Pugh score 5-15", c -> Derived.childPugh(c).fact(r -> r.score()))
                .add("child_pugh_class", TEXT, "Child-Pugh class A, B or C",
                        c -> Derived.childPugh(c).fact(r -> r.childPughClass().name()))
                .add("albi_score", NUMBER, "ALBI score", StagingFacts::albiScore)
                .add("albi_grade", NUMBER, "ALBI grade 1-3", c -> albiScore(c) instanceof Fact.Known k
                        ? Fact.of(Albi.grade((Double) k.value())) : albiScore(c))
                .add("nodule_count", NUMBER, "number of pre-operative tumour nodules",
                        c -> Derived.burden(c).fact(b -> b.count()))
                .add("largest_nodule_mm", NUMBER, "largest pre-operative nodule diameter in mm",
                        c -> Derived.burden(c).fact(b -> b.largestMm()))
                .add("macrovascular_invasion", BOOLEAN, "macrovascular invasion before surgery",
                        c -> Derived.burden(c).fact(b -> b.macrovascularInvasion()))
                .add("extrahepatic_spread", BOOLEAN, "extrahepatic spread before surgery",
                        c -> Derived.burden(c).fact(b -> b.extrahepaticSpread()))
                .add("within_milan", BOOLEAN, "pre-operative burden within the Milan criteria",
                        c -> Derived.burden(c).fact(TransplantCriteria::withinMilan))
                .add("within_ucsf", BOOLEAN, "pre-operative burden within the UCSF criteria",
                        c -> Derived.burden(c).fact(TransplantCriteria::withinUcsf))
                .add("within_up_to_7", BOOLEAN, "pre-operative burden within up-to-7",
                        c -> Derived.burden(c).fact(TransplantCriteria::withinUpToSeven))
                .add("bclc_stage", TEXT, "BCLC 2022 stage 0, A, B, C or D",
                        c -> Derived.stagingInputs(c).fact(s -> Bclc.stage(s.burden(), s.ecog(), s.liver()).label()))
                .add("cnlc_stage", TEXT, "CNLC stage Ia, Ib, IIa, IIb, IIIa, IIIb or IV",
                        c -> Derived.stagingInputs(c).fact(s -> Cnlc.stage(s.burden(), s.ecog(), s.liver()).label()))
                .add("ajcc_stage", TEXT, "AJCC 8th stage (pre-operative sizes, pathological vascular invasion and nodes)",
                        StagingFacts::ajccStage)
                .add("imbrave050_high_risk", BOOLEAN, "IMbrave050 high risk of recurrence after resection",
                        StagingFacts::imbrave050)
                .list();
    }

    private static Fact albiScore(ScreeningContext c) {
        List<String> missing = new ArrayList<>();
        OptionalDouble bili = Derived.lab(c.record().patient(), Analyte.TOTAL_BILIRUBIN, missing);
        OptionalDouble alb = Derived.lab(c.record().patient(), Analyte.ALBUMIN, missing);
        if (!missing.isEmpty()) return new Fact.Missing(missing);
        return Fact.of(Albi.score(bili.getAsDouble(), alb.getAsDouble()));
    }

    private static Fact ajccStage(ScreeningContext c) {
        var burden = Derived.burden(c);
        Pathology path = c.record().pathology();
        List<String> missing = new ArrayList<>(burden.missing());
        String unknown = PathologyFacts.specimenUnknown(c);
        if (unknown != null) {
            missing.add(unknown);
            return new Fact.Missing(missing);
        }
        if (path.mvi() == null) missing.add("pathology.mvi");
        if (path.regionalNodeMetastasis() == null) missing.add("pathology.regional_node_metastasis");
        if (!missing.isEmpty()) return new Fact.Missing(missing);
        var b = burden.value();
        boolean t4 = Boolean.TRUE.equals(path.majorVesselInvolvement()) || Boolean.TRUE.equals(path.adjacentOrganInvasion());
        boolean vascular = path.mvi().present() || b.macrovascularInvasion();
        return Fact.of(Ajcc8.tnm(b, vascular, t4, path.regionalNodeMetastasis(), b.extrahepaticSpread()).stage().label());
    }

    private static Fact imbrave050(ScreeningContext c) {
        var burden = Derived.burden(c);
        // Burden alone decides rules (1) and (2): no need to wait for the pathology report.
        if (burden.known() && Imbrave050.highRisk(burden.value(), false, false)) return Fact.of(true);
        Pathology path = c.record().pathology();
        List<String> missing = new ArrayList<>(burden.missing());
        String unknown = PathologyFacts.specimenUnknown(c);
        if (unknown != null) {
            missing.add(unknown);
            return new Fact.Missing(missing);
        }
        if (path.mvi() == null) missing.add("pathology.mvi");
        if (path.edmondsonGrade() == null) missing.add("pathology.edmondson_grade");
        if (!missing.isEmpty()) return new Fact.Missing(missing);
        boolean vascular = path.mvi().present() || burden.value().macrovascularInvasion();
        return Fact.of(Imbrave050.highRisk(burden.value(), vascular, path.poorlyDifferentiated()));
    }
}
