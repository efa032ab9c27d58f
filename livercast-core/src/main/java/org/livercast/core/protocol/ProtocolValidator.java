package org.livercast.core.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.livercast.core.protocol.rule.Rule;
import org.livercast.core.protocol.rule.RuleSyntaxException;

/** Checks a loaded protocol completely before anyone screens with it. */
final class ProtocolValidator {
    static final int SCHEMA_VERSION = 1;

    private ProtocolValidator() {}

    static Protocol validate(String source, Protocol p) {
        if (p.schemaVersion() != SCHEMA_VERSION) {
            throw new ProtocolException(source, "schemaVersion", "is " + p.schemaVersion() + "; this LiverCast reads " + SCHEMA_VERSION);
        }
        require(source, "id", p.id());
        require(source, "version", p.version());
        require(source, "title", p.title());
        Set<String> ids = new HashSet<>();
        checkCriteria(source, p.inclusion(), ids);
        checkCriteria(source, p.exclusion(), ids);
        for (Cohort c : p.cohorts()) {
            require(source, "cohort id", c.id());
            unique(source, ids, c.id());
            checkRule(source, "cohort " + c.id(), c.rule());
        }
        for (EndpointSpec e : p.endpoints()) {
            require(source, "endpoint id", e.id());
            unique(source, ids, e.id());
            if (!EndpointSpec.TYPES.contains(e.type())) {
                throw new ProtocolException(source, "endpoint " + e.id(), "type '" + e.type() + "' is not one of " + EndpointSpec.TYPES);
            }
            if (e.type().equals("rfs") && (e.events() == null || !Set.of("recurrence", "recurrence_or_death").contains(e.events()))) {
                throw new ProtocolException(source, "endpoint " + e.id(), "rfs needs events: recurrence or recurrence_or_death");
            }
            if (e.cohort() != null && p.cohorts().stream().noneMatch(c -> e.cohort().equals(c.id()))) {
                throw new ProtocolException(source, "endpoint " + e.id(), "cohort '" + e.cohort() + "' is not one of the protocol's cohorts");
            }
            if (e.type().equals("recurrence_within") && (e.days() == null || e.days() <= 0)) {
                throw new ProtocolException(source, "endpoint " + e.id(), "recurrence_within needs days > 0");
            }
        }
        for (Concealment c : p.concealed()) {
            if (!Concealment.OUTPUTS.contains(c.output())) {
                throw new ProtocolException(source, "concealed", "output '" + c.output() + "' is not one LiverCast can conceal: " + Concealment.OUTPUTS);
            }
            require(source, "concealed " + c.output() + " reason", c.reason());
        }
        if (p.followUp() != null) {
            for (FollowUpSchedule.Period period : p.followUp().periods()) {
                if (period.intervalDays() <= 0 || period.toDays() <= period.fromDays()) {
                    throw new ProtocolException(source, "followUp", "period " + period + " needs intervalDays > 0 and toDays > fromDays");
                }
            }
        }
        return p;
    }

    private static void checkCriteria(String source, List<Criterion> criteria, Set<String> ids) {
        for (Criterion c : criteria) {
            require(source, "criterion id", c.id());
            unique(source, ids, c.id());
            require(source, "criterion " + c.id() + " text", c.text());
            if (c.needsPerson() == (c.rule() != null)) {
                throw new ProtocolException(source, "criterion " + c.id(), "needs exactly one of 'rule' or 'judgement: true'");
            }
            if (c.rule() != null) checkRule(source, "criterion " + c.id(), c.rule());
        }
    }

    private static void checkRule(String source, String element, String text) {
        require(source, element + " rule", text);
        Rule rule;
        try {
            rule = Rule.parse(text);
        } catch (RuleSyntaxException e) {
            throw new ProtocolException(source, element, e.getMessage());
        }
        for (String fact : rule.factNames()) {
            if (!FactCatalogue.defines(fact)) {
                throw new ProtocolException(source, element, "unknown fact '" + fact + "' (see `livercast protocols facts`)");
            }
        }
    }

    private static void unique(String source, Set<String> ids, String id) {
        if (!ids.add(id)) throw new ProtocolException(source, id, "id used twice");
    }

    private static void require(String source, String element, String value) {
        if (value == null || value.isBlank()) throw new ProtocolException(source, element, "is missing");
    }
}
