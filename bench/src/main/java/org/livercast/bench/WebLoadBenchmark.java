package org.livercast.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on loopback: N concurrent users, each with its own connection (and, against LiverCast, its own
 * signed-in session), request the listed paths round-robin from their own start for a fixed time, pausing a think
 * time between requests (uniform between half and one and a half times the mean; 0 for none). Every path is fetched
 * once first (warm caches, check they answer 200), then the load runs 5 s unrecorded (the JIT compiles the
 * server's hot paths) before the measured time. Prints one line: {@code label users requests requests_per_s p50_ms
 * p95_ms p99_ms max_ms errors}. Latency is from sending the request to having the whole body.
 *
 * <p>Usage: {@code WebLoadBenchmark LABEL BASE_URL PATHS_FILE USERS SECONDS THINK_MS [USER PASSWORD]} — without a user
 * it signs in nowhere (the peer server).
 */
public final class WebLoadBenchmark {
    private WebLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String label = args[0];
        String base = args[1];
        List<String> paths = Files.readAllLines(Path.of(args[2])).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        int users = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        double thinkMs = Double.parseDouble(args[5]);
        String user = args.length > 7 ? args[6] : null;
        String password = args.length > 7 ? args[7] : null;
        if (paths.isEmpty()) throw new IllegalArgumentException(args[2] + ": no paths");

        List<HttpClient> clients = new ArrayList<>();
        for (int u = 0; u < users; u++) clients.add(client(base, user, password));
        for (String p : paths) {
            HttpResponse<byte[]> r = clients.get(0).send(get(base + p), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IllegalStateException(base + p + " answered " + r.statusCode() + " while warming up");
        }

        long[][] latencies = new long[users][];
        int[] counts = new int[users];
        AtomicLong errors = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long durationNs = (long) (seconds * 1e9);
        long warmupNs = 5_000_000_000L;
        for (int u = 0; u < users; u++) {
            final int me = u;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                int next = (int) ((me * 7919L) % paths.size());
                java.util.Random think = new java.util.Random(me);
                try {
                    start.await();
                    long measureFrom = System.nanoTime() + warmupNs;
                    long end = measureFrom + durationNs;
                    while (System.nanoTime() < end) {
                        String p = paths.get(next);
                        next = (next + 1) % paths.size();
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = clients.get(me).send(get(base + p), HttpResponse.BodyHandlers.ofByteArray());
                        long dt = System.nanoTime() - t0;
                        if (t0 >= measureFrom) {
                            if (r.statusCode() != 200) errors.incrementAndGet();
                            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                            lat[n++] = dt;
                        }
                        if (thinkMs > 0) Thread.sleep((long) (thinkMs * (0.5 + think.nextDouble())));
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                latencies[me] = Arrays.copyOf(lat, n);
                counts[me] = n;
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) t.join();
        double elapsed = seconds;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-22s %5d %9d %10.1f %8.1f %8.1f %8.1f %8.1f %6d%n", label, users, all.length, all.length / elapsed,
                pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** One HTTP/1.1 client per user (its own keep-alive connection), signed in when a user is given. */
    private static HttpClient client(String base, String user, String password) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        if (user == null) return c;
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) throw new IllegalStateException(user + " could not sign in: " + r.statusCode());
        return c;
    }
}
