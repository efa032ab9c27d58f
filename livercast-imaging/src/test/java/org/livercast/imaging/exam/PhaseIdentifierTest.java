package org.livercast.imaging.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.model.Phase;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;

/** Phases from real written series: descriptions in several conventions, contrast timing, mapping files, conflicts. */
class PhaseIdentifierTest {
    static final PhaseIdentifier DEFAULT = new PhaseIdentifier(PhaseMapping.none());

    static DicomSeries series(Path dir, String description, LocalTime acquisition, String agent, int number) throws Exception {
        var b = SeriesMetadata.builder().series(null, number, description).study("2.25.1", java.time.LocalDate.of(2024, 3, 1),
                LocalTime.of(9, 0), "MR LIVER").frameOfReference("2.25.2").acquisitionTime(acquisition).uidSeed("phase-" + number);
        if (agent != null) b.contrast(agent, LocalTime.of(9, 10));
        Path d = dir.resolve("s" + number);
        MrSeriesWriter.write(Phantoms.integralPhantom(), b.build(), d);
        return SeriesAssembler.readDirectory(d).get(0);
    }

    static Phase phaseOf(DicomSeries s) { return DEFAULT.identify(s.first().dataSet()).phase(); }

    @Test
    void descriptionsInEnglishVendorAndChineseConventions(@TempDir Path dir) throws Exception {
        String[][] cases = {{"AX T1 PRE", "non_contrast"}, {"t1_vibe_fs_art", "arterial"}, {"LAVA PV", "portal_venous"},
                {"Delayed 3min", "delayed"}, {"HBP 20min", "hepatobiliary"}, {"T2 HASTE", "t2"}, {"ep2d_diff b800", "dwi"},
                {"ADC map", "adc"}, {"动脉期", "arterial"}, {"门脉期", "portal_venous"}, {"平扫", "non_contrast"}, {"肝胆期", "hepatobiliary"}};
        int n = 1;
        for (String[] c : cases) {
            assertThat(phaseOf(series(dir, c[0], LocalTime.of(9, 0), null, n++))).as(c[0]).isEqualTo(Phase.fromId(c[1]));
        }
    }

    @Test
    void contrastTimingDecidesWhenTheDescriptionSaysNothing(@TempDir Path dir) throws Exception {
        assertThat(phaseOf(series(dir, "t1 vibe", LocalTime.of(9, 10, 30), "Gd-DTPA", 1))).isEqualTo(Phase.ARTERIAL);
        assertThat(phaseOf(series(dir, "t1 vibe", LocalTime.of(9, 11, 10), "Gd-DTPA", 2))).isEqualTo(Phase.PORTAL_VENOUS);
        assertThat(phaseOf(series(dir, "t1 vibe", LocalTime.of(9, 13, 0), "Gd-DTPA", 3))).isEqualTo(Phase.DELAYED);
        assertThat(phaseOf(series(dir, "t1 vibe", LocalTime.of(9, 30, 0), "Primovist", 4))).isEqualTo(Phase.HEPATOBILIARY);
        assertThat(phaseOf(series(dir, "t1 vibe", LocalTime.of(9, 5, 0), "Primovist", 5))).isEqualTo(Phase.NON_CONTRAST);
    }

    @Test
    void nothingToGoOnOrAConflictIsUnknownWithTheReason(@TempDir Path dir) throws Exception {
        PhaseCall none = DEFAULT.identify(series(dir, "t1 vibe fs", LocalTime.of(9, 0), null, 1).first().dataSet());
        assertThat(none.phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(none.evidence()).contains("no mapping rule");
        PhaseCall conflict = DEFAULT.identify(series(dir, "arterial", LocalTime.of(9, 13, 0), "Gd-DTPA", 2).first().dataSet());
        assertThat(conflict.phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(conflict.evidence()).contains("description says arterial").contains("timing says delayed");
    }

    @Test
    void aCentreMappingFileWinsOverKeywords(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("zs.json");
        Files.writeString(map, "{\"centre\": \"ZS\", \"rules\": [{\"pattern\": \"(?i)^vibe_q2$\", \"phase\": \"portal_venous\"},"
                + " {\"pattern\": \"(?i)^vibe_q1$\", \"phase\": \"arterial\"}]}");
        PhaseIdentifier zs = new PhaseIdentifier(PhaseMapping.read(map));
        PhaseCall call = zs.identify(series(dir, "VIBE_Q2", LocalTime.of(9, 0), null, 1).first().dataSet());
        assertThat(call.phase()).isEqualTo(Phase.PORTAL_VENOUS);
        assertThat(call.source()).isEqualTo(PhaseCall.Source.MAPPING);
        Files.writeString(map, "{\"rules\": [{\"pattern\": \"(\", \"phase\": \"arterial\"}]}");
        assertThatThrownBy(() -> PhaseMapping.read(map)).hasMessageContaining("zs.json").hasMessageContaining("rule 1");
    }

    @Test
    void anExamReportsWhichRequiredPhasesAreMissing(@TempDir Path dir) throws Exception {
        List<DicomSeries> all = new ArrayList<>();
        all.add(series(dir, "AX T1 PRE", LocalTime.of(9, 5), null, 1));
        all.add(series(dir, "AX T1 ART", LocalTime.of(9, 10, 25), "Gd-DTPA", 2));
        all.add(series(dir, "AX T1 PV", LocalTime.of(9, 11, 10), "Gd-DTPA", 3));
        LiverExam exam = LiverExam.of(all, DEFAULT);
        assertThat(exam.phases()).containsExactlyInAnyOrder(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS);
        assertThat(exam.missing(LiverExam.P2_REQUIRED)).containsExactly(Phase.DELAYED);
        assertThat(exam.series(Phase.ARTERIAL)).isPresent();
    }
}
