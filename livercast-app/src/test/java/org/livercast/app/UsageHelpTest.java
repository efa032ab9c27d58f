package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.app.cli.LiverCastCommand;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly: picocli passes descriptions through String.format, so a bare "%" (as in "15%
 * aggressive recurrence") made it print a "Could not format" warning on standard error every time the command was built
 * — on every run of `livercast`, not only for --help.
 */
class UsageHelpTest {
    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            collect(LiverCastCommand.commandLine(), helps);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
        assertThat(helps).hasSizeGreaterThan(10);
        String recalibrate = helps.stream().filter(h -> h.startsWith("Usage: livercast recalibrate")).findFirst().orElseThrow();
        assertThat(recalibrate.replaceAll("\\s+", " ")).contains("at 15% aggressive recurrence");
    }

    /** A user reading `--help` learns what every option and argument is for: none is listed bare. */
    @Test
    void everyOptionAndArgumentSaysWhatItIsFor() {
        List<String> bare = new ArrayList<>();
        undescribed(LiverCastCommand.commandLine(), bare);
        assertThat(bare).isEmpty();
    }

    private static void undescribed(CommandLine cl, List<String> bare) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp() && String.join("", o.description()).isBlank()) bare.add(spec.qualifiedName() + " " + o.longestName());
        }
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            if (String.join("", p.description()).isBlank()) bare.add(spec.qualifiedName() + " " + p.paramLabel());
        }
        for (CommandLine sub : cl.getSubcommands().values()) undescribed(sub, bare);
    }

    private static void collect(CommandLine cl, List<String> helps) {
        helps.add(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (CommandLine sub : cl.getSubcommands().values()) collect(sub, helps);
    }
}
