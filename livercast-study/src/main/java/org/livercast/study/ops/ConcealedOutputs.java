package org.livercast.study.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;

/**
 * Which patients' model outputs must not be shown to those caring for them: the patients enrolled in a protocol that
 * conceals the output ({@link Protocol#conceals}) — P4's prospective phase, for the therapy model's recommendation. The
 * output is still computed, stored and analysed; only the pages and APIs that show a patient leave it out.
 */
public final class ConcealedOutputs {
    /** Why a patient's output is not shown: the protocol they are enrolled in and what it says. */
    public record Why(String protocolId, String reason) {}

    private final Map<String, Why> byPatient;

    private ConcealedOutputs(Map<String, Why> byPatient) { this.byPatient = byPatient; }

    /** Every enrolled patient whose {@code output} the protocols conceal; one query. */
    public static ConcealedOutputs read(Jdbi jdbi, Protocols protocols, String output) {
        Map<String, Why> why = new HashMap<>();
        for (Protocol p : protocols.all()) p.conceals(output).ifPresent(c -> why.put(p.id(), new Why(p.id(), c.reason())));
        Map<String, Why> byPatient = new HashMap<>();
        if (!why.isEmpty()) {
            jdbi.useHandle(h -> h.createQuery("""
                            select p.centre_id, p.patient_id, e.protocol_id from enrolment e join patient p on p.pk = e.patient_pk
                            where e.protocol_id in (<protocols>) order by e.protocol_id""")
                    .bindList("protocols", List.copyOf(why.keySet()))
                    .map((rs, ctx) -> Map.entry(key(rs.getString(1), rs.getString(2)), why.get(rs.getString(3))))
                    .forEach(e -> byPatient.putIfAbsent(e.getKey(), e.getValue())));
        }
        return new ConcealedOutputs(byPatient);
    }

    /** Why the patient's output is concealed, or empty when it may be shown. */
    public Optional<Why> of(String centre, String patientId) { return Optional.ofNullable(byPatient.get(key(centre, patientId))); }

    private static String key(String centre, String patientId) { return centre + "/" + patientId; }
}
