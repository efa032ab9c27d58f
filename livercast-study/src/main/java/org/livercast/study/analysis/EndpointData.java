package org.livercast.study.analysis;

import java.util.List;
import java.util.function.Function;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.core.protocol.EndpointSpec;
import org.livercast.stats.survival.SurvivalData;

/** The patients an endpoint is analysed in, and their times as the statistics engine takes them. */
final class EndpointData {
    private EndpointData() {}

    /** Months of 30.4375 days, the unit of every survival plot and table of the report. */
    static final double DAYS_PER_MONTH = 30.4375;

    /** The rows of the cohort the endpoint names (P5's PFS: the prognostic cohort), or all of them when it names none. */
    static List<AnalysisData.Row> rowsOf(EndpointSpec e, List<AnalysisData.Row> rows) {
        return e.cohort() == null ? rows : rows.stream().filter(r -> r.inCohort(e.cohort())).toList();
    }

    /** Times in months; with a horizon (P4's 3-year RFS), follow-up beyond it is censored there. */
    static SurvivalData months(List<AnalysisData.Row> rows, Function<AnalysisData.Row, TimeToEvent> f, Integer horizonDays) {
        double[] t = new double[rows.size()];
        boolean[] e = new boolean[rows.size()];
        for (int i = 0; i < t.length; i++) {
            TimeToEvent x = f.apply(rows.get(i));
            boolean beyond = horizonDays != null && x.days() > horizonDays;
            t[i] = (beyond ? horizonDays : x.days()) / DAYS_PER_MONTH;
            e[i] = x.event() && !beyond;
        }
        return new SurvivalData(t, e);
    }
}
