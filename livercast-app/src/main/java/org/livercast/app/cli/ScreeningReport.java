package org.livercast.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.livercast.core.protocol.CriterionResult;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.ScreeningResult.Decision;
import org.livercast.study.screening.ScreeningService.Screened;

/** Renders screening results for a terminal (a table, or every criterion for one patient) or as JSON. */
final class ScreeningReport {
    private ScreeningReport() {}

    static void print(PrintWriter out, Protocol protocol, LocalDate asOf, List<Screened> screened, boolean detailed) {
        out.printf("%s v%s - %s (as of %s)%n", protocol.id(), protocol.version(), protocol.title(), asOf);
        if (detailed) {
            for (Screened s : screened) printDetail(out, s);
        } else {
            out.printf("%-14s %-13s %-22s %s%n", "patient", "decision", "cohorts", "why");
            for (Screened s : screened) {
                out.printf("%-14s %-13s %-22s %s%n", s.patient().centreId() + "/" + s.patient().patientId(),
                        s.result().decision(), String.join(",", s.result().cohorts()), why(s));
            }
        }
        Map<Decision, Long> counts = new EnumMap<>(Decision.class);
        screened.forEach(s -> counts.merge(s.result().decision(), 1L, Long::sum));
        out.println(counts.entrySet().stream().map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", ", screened.size() + " screened: ", "")));
    }

    private static String why(Screened s) {
        List<CriterionResult> c = s.result().criteria();
        return switch (s.result().decision()) {
            case NOT_ELIGIBLE -> c.stream().filter(CriterionResult::excludes)
                    .map(r -> r.criterionId() + (r.kind() == CriterionResult.Kind.INCLUSION ? " not met" : " met"))
                    .collect(Collectors.joining("; "));
            case INCOMPLETE -> "missing: " + String.join(", ", s.result().missingFields());
            case NEEDS_REVIEW -> "for a person: " + c.stream().filter(r -> r.outcome() == CriterionResult.Outcome.NEEDS_PERSON)
                    .map(CriterionResult::criterionId).collect(Collectors.joining(", "));
            case ELIGIBLE -> "";
        };
    }

    private static void printDetail(PrintWriter out, Screened s) {
        out.printf("patient %s/%s: %s%n", s.patient().centreId(), s.patient().patientId(), s.result().decision());
        for (CriterionResult c : s.result().criteria()) {
            out.printf("  %-7s %-9s %-12s %s%s%n", c.criterionId(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                    c.outcome(), c.text(), c.missingFields().isEmpty() ? "" : "  [missing: " + String.join(", ", c.missingFields()) + "]");
        }
        if (!s.result().cohorts().isEmpty()) out.println("  cohorts: " + String.join(", ", s.result().cohorts()));
    }

    static String json(List<Screened> screened) {
        try {
            return JsonMapper.builder().findAndAddModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(screened.stream().map(s -> s.result()).toList());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
