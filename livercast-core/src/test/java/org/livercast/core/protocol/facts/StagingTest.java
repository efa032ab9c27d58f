package org.livercast.core.protocol.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.core.examples.ExamplePatients;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.core.staging.Albi;
import org.livercast.core.staging.ChildPugh;
import org.livercast.core.staging.TransplantCriteria;

class StagingTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    static Fact value(List<Staging.Item> items, String fact) {
        return items.stream().filter(i -> i.fact().equals(fact)).findFirst().orElseThrow().value();
    }

    @Test
    void theStagingIsTheCalculatorsOnTheRecord() {
        PatientRecord r = ExamplePatients.get("EX01");
        List<Staging.Item> items = Staging.of(r, AS_OF);
        assertThat(items).extracting(Staging.Item::fact).containsExactly("bclc_stage", "cnlc_stage", "child_pugh_class", "child_pugh_score",
                "albi_grade", "albi_score", "within_milan", "within_ucsf", "within_up_to_7", "ajcc_stage", "imbrave050_high_risk");
        var p = r.patient();
        double bili = p.labs().canonical(Analyte.TOTAL_BILIRUBIN).orElseThrow();
        double alb = p.labs().canonical(Analyte.ALBUMIN).orElseThrow();
        var cp = ChildPugh.of(bili, alb, p.labs().canonical(Analyte.INR).orElseThrow(), p.ascites(), p.encephalopathy());
        assertThat(value(items, "child_pugh_score")).isEqualTo(new Fact.Known(cp.score()));
        assertThat(value(items, "child_pugh_class")).isEqualTo(new Fact.Known(cp.childPughClass().name()));
        assertThat(value(items, "albi_score")).isEqualTo(new Fact.Known(Albi.score(bili, alb)));
        assertThat(value(items, "within_milan")).isEqualTo(new Fact.Known(TransplantCriteria.withinMilan(p.preoperativeBurden())));
    }

    @Test
    void eachStagingSaysWhatItStillNeeds() {
        // EX03 is BCLC B; EX04 has Child-Pugh 8 (B); EX05 has no albumin and no ECOG.
        assertThat(value(Staging.of(ExamplePatients.get("EX03"), AS_OF), "bclc_stage")).isEqualTo(new Fact.Known("B"));
        assertThat(value(Staging.of(ExamplePatients.get("EX04"), AS_OF), "child_pugh_score")).isEqualTo(new Fact.Known(8));
        List<Staging.Item> ex05 = Staging.of(ExamplePatients.get("EX05"), AS_OF);
        assertThat(value(ex05, "albi_score")).isInstanceOfSatisfying(Fact.Missing.class, m -> assertThat(m.fields()).contains("labs.albumin"));
        assertThat(value(ex05, "bclc_stage")).isInstanceOfSatisfying(Fact.Missing.class, m -> assertThat(m.fields()).contains("ecog"));
    }
}
