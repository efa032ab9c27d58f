package org.livercast.stats.reference;

import java.util.ArrayList;
import java.util.List;

/** Group labels of a case: "all" when there is no group column. */
final class Groups {
    private Groups() {}

    static List<String> distinct(String[] labels, int n) {
        if (labels == null) return List.of("all");
        List<String> out = new ArrayList<>();
        for (String l : labels) if (!out.contains(l)) out.add(l);
        out.sort(null);
        return out;
    }

    /** The case rows (indices into the table) whose label is {@code group}. */
    static int[] rowsOf(String[] labels, String group, int[] rows) {
        if (labels == null) return rows;
        return java.util.stream.IntStream.range(0, rows.length).filter(i -> labels[i].equals(group)).map(i -> rows[i]).toArray();
    }
}
