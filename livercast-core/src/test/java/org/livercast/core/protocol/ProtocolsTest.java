package org.livercast.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolsTest {
    @Test
    void theFiveBundledStudiesLoadAndValidate() {
        Protocols all = Protocols.bundled();
        assertThat(all.all()).extracting(Protocol::id).containsExactly("P1", "P2", "P3", "P4", "P5");
        Protocol p2 = all.get("P2");
        assertThat(p2.version()).isEqualTo("1.0.0");
        assertThat(p2.exclusion()).anyMatch(Criterion::needsPerson);
        assertThat(all.get("P1").endpoints()).anyMatch(e -> e.type().equals("aggressive_recurrence") && Boolean.TRUE.equals(e.primary()));
        assertThat(all.get("P4").endpoints()).anyMatch(e -> "recurrence_or_death".equals(e.events()) && e.horizonDays() == 1095);
        assertThat(all.get("P3").endpoints()).anyMatch(e -> "recurrence".equals(e.events()));
    }

    @Test
    void p4KeepsTheTherapyRecommendationFromTheCareTeamAndNoOtherProtocolDoes() {
        Protocols all = Protocols.bundled();
        assertThat(all.get("P4").conceals(Concealment.ADJUVANT_RECOMMENDATION)).hasValueSatisfying(c -> assertThat(c.reason()).contains("never shows it"));
        assertThat(all.get("P4").version()).isEqualTo("1.1.0");
        for (String id : new String[] {"P1", "P2", "P3", "P5"}) assertThat(all.get(id).concealed()).as(id).isEmpty();
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t",
                 "concealed": [{"output": "pre_risk", "reason": "blinded"}]}""")).hasMessageContaining("concealed")
                .hasMessageContaining("'pre_risk' is not one LiverCast can conceal");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t",
                 "concealed": [{"output": "adjuvant_recommendation"}]}""")).hasMessageContaining("reason").hasMessageContaining("is missing");
    }

    @Test
    void followUpScheduleGivesDueVisitsWithWindows() {
        var visits = Protocols.bundled().get("P4").followUp().visits(LocalDate.of(2024, 1, 1));
        assertThat(visits.get(0).dayAfterSurgery()).isEqualTo(91);
        assertThat(visits.get(0).windowStart()).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(77));
        // quarterly for three years (12 visits), then six-monthly to five years (3 more: days 1277, 1459, 1641, 1823)
        assertThat(visits).hasSize(12 + 4);
        assertThat(visits.get(12).dayAfterSurgery()).isEqualTo(1095 + 182);
    }

    @Test
    void protocolsRoundTripThroughJson() {
        Protocol p1 = Protocols.bundled().get("P1");
        String json = Protocols.toJson(p1);
        assertThat(Protocols.parse("roundtrip", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(p1);
    }

    @Test
    void aRuleNamingAnUnknownFactFailsToLoadNamingFileAndCriterion(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("X1.json");
        Files.writeString(f, """
                {"schemaVersion": 1, "id": "X1", "version": "0.1", "title": "t",
                 "inclusion": [{"id": "X1-I1", "text": "age", "rule": "age_in_years >= 18"}]}""");
        assertThatThrownBy(() -> Protocols.fromDirectory(dir)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("X1.json").hasMessageContaining("X1-I1").hasMessageContaining("age_in_years");
    }

    @Test
    void malformedProtocolsAreRejectedWithReasons() {
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 2, \"id\": \"X\", \"version\": \"1\", \"title\": \"t\"}"))
                .hasMessageContaining("schemaVersion");
        assertThatThrownBy(() -> parse("{\"schemaVersion\": 1, \"id\": \"X\", \"version\": \"1\", \"title\": \"t\", \"inclusoin\": []}"))
                .hasMessageContaining("inclusoin");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t",
                 "exclusion": [{"id": "E", "text": "t", "rule": "ecog > 1", "judgement": true}]}"""))
                .hasMessageContaining("exactly one of 'rule' or 'judgement");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t",
                 "inclusion": [{"id": "A", "text": "t", "rule": "ecog > 1"}, {"id": "A", "text": "t", "rule": "ecog > 2"}]}"""))
                .hasMessageContaining("id used twice");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t",
                 "endpoints": [{"id": "rfs", "text": "t", "type": "rfs"}]}"""))
                .hasMessageContaining("rfs needs events");
        assertThatThrownBy(() -> parse("""
                {"schemaVersion": 1, "id": "X", "version": "1", "title": "t", "cohorts": [{"id": "all", "text": "t", "rule": "age_years > 0"}],
                 "endpoints": [{"id": "os", "text": "t", "type": "os", "cohort": "prognostc"}]}"""))
                .hasMessageContaining("endpoint os").hasMessageContaining("cohort 'prognostc' is not one of the protocol's cohorts");
    }

    @Test
    void p5AnalysesItsDiagnosisInTheDiagnosticCohortAndItsSurvivalInThePrognosticOne() {
        Protocol p5 = Protocols.bundled().get("P5");
        assertThat(p5.endpoints()).anyMatch(e -> e.type().equals("histologic_diagnosis") && "diagnostic".equals(e.cohort()))
                .anyMatch(e -> e.type().equals("rfs") && "recurrence_or_death".equals(e.events()) && "prognostic".equals(e.cohort()))
                .anyMatch(e -> e.type().equals("os") && "prognostic".equals(e.cohort()));
    }

    private static Protocol parse(String json) {
        return Protocols.parse("test.json", json.getBytes(StandardCharsets.UTF_8));
    }
}
