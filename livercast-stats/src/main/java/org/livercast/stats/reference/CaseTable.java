package org.livercast.stats.reference;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A case's {@code data.csv}: named text columns, empty cells as null (R's NA). */
public final class CaseTable {
    private final Map<String, List<String>> columns;
    private final int rows;

    private CaseTable(Map<String, List<String>> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static CaseTable read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, List<String>> cols = new LinkedHashMap<>();
            for (String h : p.getHeaderNames()) cols.put(h, new ArrayList<>());
            int n = 0;
            for (CSVRecord rec : p) {
                for (String h : p.getHeaderNames()) {
                    String v = rec.get(h);
                    cols.get(h).add(v == null || v.isEmpty() || v.equals("NA") ? null : v);
                }
                n++;
            }
            return new CaseTable(cols, n);
        }
    }

    public int rows() { return rows; }

    public List<String> column(String name) {
        List<String> c = columns.get(name);
        if (c == null) throw new IllegalArgumentException("data.csv has no column '" + name + "'; it has " + columns.keySet());
        return c;
    }

    /** Rows where every named column is present (R's na.omit over the columns a model uses). */
    public int[] completeRows(List<String> names) {
        return java.util.stream.IntStream.range(0, rows)
                .filter(i -> names.stream().allMatch(n -> column(n).get(i) != null)).toArray();
    }

    public double[] numbers(String name, int[] rowsToKeep) {
        List<String> c = column(name);
        double[] out = new double[rowsToKeep.length];
        for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(c.get(rowsToKeep[i]));
        return out;
    }

    public int[] integers(String name, int[] rowsToKeep) {
        double[] d = numbers(name, rowsToKeep);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (int) d[i];
        return out;
    }

    public String[] texts(String name, int[] rowsToKeep) {
        List<String> c = column(name);
        String[] out = new String[rowsToKeep.length];
        for (int i = 0; i < out.length; i++) out[i] = c.get(rowsToKeep[i]);
        return out;
    }
}
