package org.livercast.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Where an ingest spends its time: nanoseconds summed per stage across threads, for the report and the benchmark. */
public final class Timings {
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    /** Adds the time since {@code startNanos} to a stage. */
    public void add(String stage, long startNanos) {
        nanos.computeIfAbsent(stage, k -> new LongAdder()).add(System.nanoTime() - startNanos);
    }

    /** Seconds per stage (thread time: with several threads the sum exceeds the wall time). */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new TreeMap<>();
        nanos.forEach((k, v) -> out.put(k, Math.round(v.sum() / 1e7) / 100.0));
        return out;
    }
}
