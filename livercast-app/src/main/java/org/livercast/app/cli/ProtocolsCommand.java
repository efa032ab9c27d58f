package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.livercast.core.protocol.Cohort;
import org.livercast.core.protocol.Criterion;
import org.livercast.core.protocol.EndpointSpec;
import org.livercast.core.protocol.FactCatalogue;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.FollowUpSchedule;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast protocols list|show|facts}. */
@Command(name = "protocols", mixinStandardHelpOptions = true, description = "The study protocols LiverCast runs, as data.",
        subcommands = {ProtocolsCommand.ListProtocols.class, ProtocolsCommand.Show.class, ProtocolsCommand.Facts.class})
final class ProtocolsCommand {
    abstract static class WithSource extends Leaf {
        @Option(names = "--protocols-dir", paramLabel = "DIR", description = "Read protocols from this folder instead of the bundled ones.")
        Path protocolsDir;

        Protocols protocols() throws IOException {
            return protocolsDir == null ? Protocols.bundled() : Protocols.fromDirectory(protocolsDir);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the protocols with their versions.")
    static final class ListProtocols extends WithSource {
        @Override
        public Integer call() throws IOException {
            for (Protocol p : protocols().all()) {
                out().printf("%-4s v%-7s %-40s %s%n", p.id(), p.version(), p.design(), p.title());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a protocol's criteria, cohorts, endpoints and schedule.")
    static final class Show extends WithSource {
        @Parameters(paramLabel = "ID", description = "Protocol id, e.g. P2.")
        String id;

        @Option(names = "--json", description = "Print the protocol file as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Protocol p = protocols().find(id).orElseThrow(() -> new NotFoundException("no protocol '" + id + "'"));
            if (json) {
                out().println(Protocols.toJson(p));
                return ExitCodes.OK;
            }
            out().printf("%s v%s - %s%n%s%s%n", p.id(), p.version(), p.title(), p.design(),
                    p.targetEnrolment() == null ? "" : ", target " + p.targetEnrolment());
            section("Inclusion", p.inclusion());
            section("Exclusion", p.exclusion());
            if (!p.cohorts().isEmpty()) out().println("Cohorts");
            for (Cohort c : p.cohorts()) out().printf("  %-20s %s%n  %-20s rule: %s%n", c.id(), c.text(), "", c.rule());
            if (!p.endpoints().isEmpty()) out().println("Endpoints");
            for (EndpointSpec e : p.endpoints()) {
                out().printf("  %-22s %s%s%n", e.id(), e.text(), Boolean.TRUE.equals(e.primary()) ? " (primary)" : "");
            }
            if (p.followUp() != null) {
                out().println("Follow-up (window +/- " + p.followUp().windowDays() + " days)");
                for (FollowUpSchedule.Period period : p.followUp().periods()) {
                    out().printf("  days %d-%d every %d days: %s%n", period.fromDays(), period.toDays(), period.intervalDays(),
                            String.join(", ", period.assessments()));
                }
            }
            return ExitCodes.OK;
        }

        private void section(String title, java.util.List<Criterion> criteria) {
            if (criteria.isEmpty()) return;
            out().println(title);
            for (Criterion c : criteria) {
                out().printf("  %-7s %s%n  %-7s %s%n", c.id(), c.text(), "", c.needsPerson() ? "decided by a person" : "rule: " + c.rule());
            }
        }
    }

    @Command(name = "facts", mixinStandardHelpOptions = true, description = "List the patient facts protocol rules may use.")
    static final class Facts extends Leaf {
        @Override
        public Integer call() {
            for (FactDefinition f : FactCatalogue.definitions()) {
                out().printf("%-34s %-8s %s%n", f.name(), f.type().name().toLowerCase(java.util.Locale.ROOT), f.description());
            }
            return ExitCodes.OK;
        }
    }
}
