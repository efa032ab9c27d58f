package org.livercast.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.livercast.core.io.XlsTable;
import org.livercast.core.io.XlsxTable;

/**
 * Reading a clinical table sent as an Excel workbook into the CSV text ingest validates ({@link XlsTable} for .xls,
 * {@link XlsxTable} for .xlsx): one warm-up read, then the best of REPEATS.
 * Usage: TableReadBenchmark FILE REPEATS — prints "livercast BEST_SECONDS NONEMPTY_CELLS".
 */
public final class TableReadBenchmark {
    private TableReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        boolean xls = file.toString().endsWith(".xls");
        String csv = xls ? XlsTable.csv(file) : XlsxTable.csv(file);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            csv = xls ? XlsTable.csv(file) : XlsxTable.csv(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        long cells = 0;
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.DEFAULT)) {
            for (CSVRecord rec : p) for (String v : rec) if (!v.isEmpty()) cells++;
        }
        System.out.printf(Locale.ROOT, "livercast %.4f %d%n", best, cells);
    }
}
