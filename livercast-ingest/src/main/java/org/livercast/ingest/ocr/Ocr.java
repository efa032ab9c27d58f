package org.livercast.ingest.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.livercast.core.io.ChineseScript;

/**
 * Reads scanned and photographed reports: the pages ({@link ScannedPages}) through the engine ({@link Tesseract}),
 * in simplified Chinese first (its model reads the Latin letters and digits a Chinese report mixes in better than the
 * two models together, which take Chinese words for English ones), and again in English when that found hardly any
 * Chinese (under a tenth of the letters), or in traditional Chinese (Taiwan's and Hong Kong's reports; {@code chi_tra}
 * where installed) when the simplified model was unsure of the characters the two scripts write differently — the
 * reading surer of those kept.
 *
 * <p>A file is read once per run: discovery, linkage and ingest all ask for it, and a page takes the engine about half
 * a second. Files are read {@code threads} at a time ({@link #readAhead}), a file's pages one after the other.
 */
public final class Ocr {
    /** No OCR: a report without text is named as such, and not read. */
    public static final Ocr OFF = new Ocr(null, 1);

    private static final String CHINESE = "chi_sim";
    private static final String ENGLISH = "eng";
    private static final String TRADITIONAL = "chi_tra";

    private final Tesseract engine;
    private final int threads;
    private final Map<Key, FutureTask<Transcript>> readings = new ConcurrentHashMap<>();

    private Ocr(Tesseract engine, int threads) {
        this.engine = engine;
        this.threads = Math.max(1, threads);
    }

    /**
     * OCR by {@code engine}, {@code threads} files at a time.
     *
     * @throws IllegalArgumentException when the engine has neither simplified Chinese nor English
     */
    public static Ocr with(Tesseract engine, int threads) {
        if (!engine.has(CHINESE) && !engine.has(ENGLISH)) {
            throw new IllegalArgumentException("Tesseract " + engine.version() + " at " + engine.program() + " has neither chi_sim nor eng language data"
                    + " (installed: " + String.join(", ", engine.languages()) + "): install tesseract-ocr-chi-sim and tesseract-ocr-eng");
        }
        return new Ocr(engine, threads);
    }

    /**
     * OCR by the engine on this machine.
     *
     * @throws IllegalStateException saying what to install when there is none
     */
    public static Ocr onThisMachine(int threads) {
        Tesseract t = Tesseract.find().orElseThrow(() -> new IllegalStateException("OCR needs Tesseract 4 or later: install it (Debian: apt-get install"
                + " tesseract-ocr tesseract-ocr-chi-sim) or name it in " + Tesseract.PROGRAM_VARIABLE));
        return with(t, threads);
    }

    public boolean on() { return engine != null; }

    /** "Tesseract 5.3.0 (chi_sim, chi_tra, eng)", or "off". */
    public String describe() {
        return engine == null ? "off" : "Tesseract " + engine.version() + " (" + String.join(", ", engine.languages().stream()
                .filter(l -> l.equals(CHINESE) || l.equals(TRADITIONAL) || l.equals(ENGLISH)).toList()) + ")";
    }

    /**
     * The text of a scanned PDF or an image of a report.
     *
     * @throws IOException naming the file when it cannot be read as pages or the engine fails on it
     */
    public Transcript transcribe(Path p) throws IOException {
        if (engine == null) throw new IllegalStateException("OCR is off");
        // One reading per file, whoever asks first does it; the others wait for it (a long read inside
        // ConcurrentHashMap.computeIfAbsent would hold up unrelated files sharing its bin).
        FutureTask<Transcript> task = new FutureTask<>(() -> readPages(p));
        FutureTask<Transcript> running = readings.putIfAbsent(Key.of(p), task);
        if (running == null) {
            running = task;
            task.run();
        }
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(p + ": interrupted while read by OCR", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw new IOException(io.getMessage(), io);
            throw new IOException(p + ": OCR failed: " + e.getCause(), e.getCause());
        }
    }

    /** Reads the files ahead, {@code threads} at a time, so that asking for them later in turn does not wait file after file. */
    public void readAhead(List<Path> files) {
        if (engine == null || files.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
        try {
            List<Future<?>> all = new ArrayList<>();
            for (Path p : files) all.add(pool.submit(() -> {
                try {
                    transcribe(p);
                } catch (IOException named) {
                    // kept, and given to whoever asks for the file
                }
            }));
            for (Future<?> f : all) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Transcript readPages(Path p) throws IOException {
        List<BufferedImage> pages = ScannedPages.of(p);
        String first = engine.has(CHINESE) ? CHINESE : engine.has(TRADITIONAL) ? TRADITIONAL : ENGLISH;
        Reading r = read(p, pages, first);
        // An English report read by the Chinese model comes out as Latin letters with a stray character or two taken for
        // Chinese: read again with English's.
        if (!first.equals(ENGLISH) && engine.has(ENGLISH) && hanShare(r.transcript().text()) < MIN_CHINESE_SHARE) return read(p, pages, ENGLISH).transcript();
        // Each Chinese model writes what it sees in its own script (chi_sim reads 診斷 as 诊断): the page's script shows
        // in how sure it is of the characters the scripts write differently.
        if (first.equals(CHINESE) && engine.has(TRADITIONAL) && !(r.scriptConfidence() >= SURE_OF_SCRIPT)) {
            Reading traditional = read(p, pages, TRADITIONAL);
            if (traditional.scriptConfidence() > r.scriptConfidence()) r = traditional;
        }
        return r.transcript();
    }

    /**
     * The simplified model's mean confidence in the words it wrote with a character the traditional script writes its
     * own way, at or above which a page is simplified Chinese and not read again in traditional characters. On the
     * synthetic scans: 91.6–92.7 on simplified pages (89–92 photographed), 67–86 on traditional ones (where the
     * traditional model's, on the same words, is 82–92). The traditional reading is kept only when it is surer of them:
     * on a photographed mainland page the traditional model came within 1.4 points, and a margin that took the Taiwan
     * page where it was 2 points less sure would take mainland ones too.
     */
    static final double SURE_OF_SCRIPT = 88;

    /** A reading, and how sure the engine was of the words its script writes its own way (NaN: there were none). */
    private record Reading(Transcript transcript, double scriptConfidence) {}

    /** Below this share of Chinese characters among the letters read, a page is English. */
    private static final double MIN_CHINESE_SHARE = 0.1;

    private static double hanShare(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        long han = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
        return letters == 0 ? 0 : (double) han / letters;
    }

    private Reading read(Path p, List<BufferedImage> pages, String language) throws IOException {
        StringBuilder text = new StringBuilder();
        double sum = 0;
        long chars = 0;
        double scriptSum = 0;
        int scriptWords = 0;
        List<PageText.Word> doubtful = new ArrayList<>();
        List<String> corrections = new ArrayList<>();
        for (BufferedImage page : pages) {
            PageText pt;
            try {
                pt = engine.read(page, ScannedPages.DPI, language);
            } catch (IOException e) {
                throw new IOException(p + ": " + e.getMessage(), e);
            }
            if (!pt.text().isBlank()) {
                if (!text.isEmpty()) text.append('\n');
                text.append(pt.text());
            }
            for (PageText.Word w : pt.words()) {
                String other = language.equals(TRADITIONAL) ? ChineseScript.simplified(w.text()) : ChineseScript.traditional(w.text());
                if (!other.equals(w.text())) {
                    scriptSum += w.confidence();
                    scriptWords++;
                }
            }
            doubtful.addAll(pt.doubtful());
            corrections.addAll(pt.corrections());
            if (pt.characters() > 0) {
                sum += pt.meanConfidence() * pt.characters();
                chars += pt.characters();
            }
        }
        return new Reading(new Transcript(text.toString(), pages.size(), chars == 0 ? Double.NaN : sum / chars, language, "Tesseract " + engine.version(),
                doubtful, corrections), scriptWords == 0 ? Double.NaN : scriptSum / scriptWords);
    }

    /** A file as it is now: a file changed on disk during a run is read again. */
    private record Key(Path path, long size, long modified) {
        static Key of(Path p) throws IOException {
            return new Key(p.toAbsolutePath().normalize(), Files.size(p), Files.getLastModifiedTime(p).toMillis());
        }
    }
}
