package org.livercast.stats.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.DecisionCurve;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.calibration.Lowess;
import org.livercast.stats.survival.Cox;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.LogRank;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.Ties;

/**
 * Renders every plot from a seeded synthetic cohort, checks each is well-formed SVG carrying what a reader needs,
 * and leaves them in target/plots for a look (headless Chromium can screenshot them).
 */
class PlotsTest {
    static final Path OUT = Path.of("target", "plots");
    static final int N = 400;
    final SplittableRandom random = new SplittableRandom(2026);
    final boolean[] highRisk = new boolean[N];
    final double[] time = new double[N];
    final int[] status = new int[N];
    final double[] prob = new double[N];
    final boolean[] earlyEvent = new boolean[N];

    PlotsTest() {
        for (int i = 0; i < N; i++) {
            highRisk[i] = random.nextDouble() < 0.4;
            double rate = (highRisk[i] ? 1.0 / 500 : 1.0 / 1500) * Math.exp(0.3 * random.nextGaussian());
            double t = -Math.log(random.nextDouble()) / rate;
            double c = 200 + random.nextDouble() * 1600;
            time[i] = Math.round(Math.min(t, c));
            status[i] = t <= c ? 1 : 0;
            prob[i] = 1 / (1 + Math.exp(-(-1.2 + (highRisk[i] ? 1.4 : 0) + 0.8 * random.nextGaussian())));
            earlyEvent[i] = random.nextDouble() < prob[i];
        }
    }

    @Test
    void kaplanMeierPlotShowsGroupsBandsCensoringRiskTableAndP() throws Exception {
        List<KaplanMeierPlot.Group> groups = new ArrayList<>();
        String[] label = new String[N];
        for (String g : new String[] {"Low risk", "High risk"}) {
            int[] rows = java.util.stream.IntStream.range(0, N).filter(i -> highRisk[i] == g.equals("High risk")).toArray();
            groups.add(new KaplanMeierPlot.Group(g, KaplanMeier.fit(SurvivalData.of(time, status).subset(rows))));
        }
        for (int i = 0; i < N; i++) label[i] = highRisk[i] ? "High risk" : "Low risk";
        double p = LogRank.test(SurvivalData.of(time, status), label, null).p();
        String svg = KaplanMeierPlot.render("Recurrence-free survival by PRE score", groups, "Days since surgery",
                "Recurrence-free survival", p, 0);
        write("km.svg", svg);
        assertThat(svg).contains("Number at risk").contains("Log-rank p").contains("High risk").contains("fill-opacity");
        assertThat(KaplanMeierPlot.atRisk(groups.get(0).curve(), 0)).isEqualTo(groups.get(0).curve().nRisk()[0]);
        // Beside the numbers at risk a name loses its "(n=…)" (the first column says it) before it is cut.
        assertThat(KaplanMeierPlot.shorten("validation (n=7)")).isEqualTo("validation");
        assertThat(KaplanMeierPlot.shorten("TACE + systemic (n=120)")).isEqualTo("TACE + systemic");
        assertThat(KaplanMeierPlot.shorten("prediction-inconsistent (n=15)")).isEqualTo("prediction-inconsistent");
        assertThat(KaplanMeierPlot.shorten("High risk")).isEqualTo("High risk");
        assertThat(KaplanMeierPlot.shorten("a group named at very great length (n=3)")).isEqualTo("a group named at very g…").hasSize(24);
        // Short names keep the axis where it was; a long one moves the plot right so that it is shown whole, left of the
        // first column of numbers (at the axis).
        assertThat(svg).contains(">High risk</text>").contains("<line x1=\"80\"");
        String longNames = KaplanMeierPlot.render("t", List.of(new KaplanMeierPlot.Group("prediction-inconsistent (n=9)", groups.get(0).curve())),
                "months", "RFS", Double.NaN, 0);
        assertThat(longNames).contains(">prediction-inconsistent</text>").doesNotContain("<line x1=\"80\"");
        // An ROC legend says when there is no interval rather than "(NaN–NaN)".
        assertThat(RocPlot.legendLabel("PRE", 0.8333, new double[] {Double.NaN, Double.NaN})).isEqualTo("PRE  AUC 0.833 (no CI: too few events)");
        assertThat(RocPlot.legendLabel("PRE", 0.8333, new double[] {0.71, 0.95})).isEqualTo("PRE  AUC 0.833 (0.710–0.950)");
        String oneEvent = RocPlot.render("one event", List.of(new RocPlot.Marker("PRE", Roc.of(new BinaryData(
                new boolean[] {true, false, false, false, false}, new double[] {0.6, 0.7, 0.2, 0.1, 0.3})))));
        assertThat(oneEvent).doesNotContain("NaN").contains("no CI");
    }

    @Test
    void rocCalibrationDecisionAndForestPlotsRender() throws Exception {
        BinaryData d = new BinaryData(earlyEvent, prob);
        double[] noise = java.util.Arrays.stream(prob).map(v -> v * 0.5 + random.nextDouble() * 0.5).toArray();
        String roc = RocPlot.render("Aggressive recurrence within 2 years", List.of(
                new RocPlot.Marker("PRE score", Roc.of(d)), new RocPlot.Marker("Clinical score", Roc.of(new BinaryData(earlyEvent, noise)))));
        write("roc.svg", roc);
        assertThat(roc).contains("AUC").contains("PRE score").contains("Clinical score");

        BinaryCalibration.Result cal = BinaryCalibration.of(earlyEvent, prob, 10);
        List<CalibrationPlot.Point> points = new ArrayList<>();
        for (BinaryCalibration.Group g : cal.groups()) {
            double se = Math.sqrt(g.observed() * (1 - g.observed()) / g.n());
            points.add(new CalibrationPlot.Point(g.meanPredicted(), g.observed(), g.observed() - 1.96 * se, g.observed() + 1.96 * se, g.n()));
        }
        double[] y01 = new double[N];
        for (int i = 0; i < N; i++) y01[i] = earlyEvent[i] ? 1 : 0;
        String calibration = CalibrationPlot.render("Calibration of the PRE score", points, Lowess.smooth(prob, y01, 2.0 / 3, 3),
                cal.slope(), cal.intercept(), "risk");
        write("calibration.svg", calibration);
        assertThat(calibration).contains("Calibration slope").contains("Smoothed");

        String dca = DecisionCurvePlot.render("Decision curve", DecisionCurve.of(d, DecisionCurve.grid(0.01, 0.8, 0.01)), "PRE score");
        write("decision.svg", dca);
        assertThat(dca).contains("Treat all").contains("Net benefit");

        List<ForestPlot.Row> rows = new ArrayList<>();
        for (String subgroup : new String[] {"All", "Cirrhosis", "No cirrhosis", "HBV", "AFP > 400"}) {
            int[] keep = java.util.stream.IntStream.range(0, N).filter(i -> subgroup.equals("All") || random.nextDouble() < 0.5).toArray();
            double[][] x = new double[keep.length][1];
            for (int k = 0; k < keep.length; k++) x[k][0] = highRisk[keep[k]] ? 1 : 0;
            Cox.Fit fit = Cox.fit(SurvivalData.of(time, status).subset(keep), x, null, Ties.EFRON);
            rows.add(new ForestPlot.Row(subgroup + " (n=" + keep.length + ")", fit.hazardRatio()[0], fit.hrLower95()[0], fit.hrUpper95()[0], null));
        }
        String forest = ForestPlot.render("High vs low PRE score, by subgroup", rows, "HR", "low risk worse", "high risk worse");
        write("forest.svg", forest);
        assertThat(forest).contains("AFP &gt; 400").contains("HR (95% CI)");
    }

    private static void write(String name, String svg) throws Exception {
        // Well-formed XML: a browser will render it.
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name), svg);
    }
}
