package org.livercast.learn.slide;

import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.vms.VmsIndexFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.livercast.pathology.analysis.TileGrid;
import org.livercast.pathology.analysis.TissueMask;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Tile embeddings of whole slides, computed once and cached: the tissue tiles at {@link #MPP} µm/px and
 * {@link #TILE_PX} px (at least half tissue), each embedded by the encoder. The cache file is named by the slide's
 * SHA-256, the encoder id and the tiling, written to a temporary name and moved into place, so a crash never leaves a half file
 * and a changed slide or encoder never reads a stale one; a cache file damaged later is recomputed and replaced.
 */
public final class SlideBags {
    public static final double MPP = 0.5;
    public static final int TILE_PX = 256;
    public static final double MIN_TISSUE = 0.5;
    private static final int MAGIC = 0x4C43_4247;  // "LCBG"
    /** Part of every cache file's name: a change to the tiling or to the tissue mask gives new files, never stale tiles. */
    static final String TILING = "0.5um-256px-min0.5-mask2";

    private final TileEncoder encoder;
    private final Path cacheDir;
    private final int maxTiles;
    /**
     * Each slide's SHA-256, by file and its size and modification time: a training run reads every slide several times
     * (up front, then once a pass), and hashing a real 2 GB slide takes about a second each time.
     */
    private final java.util.Map<Path, FileHash> hashes;

    private record FileHash(long size, java.nio.file.attribute.FileTime modified, String sha256) {}

    public SlideBags(TileEncoder encoder, Path cacheDir) {
        this(encoder, cacheDir, Integer.MAX_VALUE, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private SlideBags(TileEncoder encoder, Path cacheDir, int maxTiles, java.util.Map<Path, FileHash> hashes) {
        this.encoder = encoder;
        this.cacheDir = cacheDir;
        this.maxTiles = maxTiles;
        this.hashes = hashes;
    }

    /**
     * The same slides giving at most {@code maxTiles} tiles each ({@link SlideBag#sample}), as training reads them; the
     * cache keeps every tile, and a reader without the limit (prediction) gets them all.
     */
    public SlideBags withMaxTiles(int maxTiles) { return new SlideBags(encoder, cacheDir, maxTiles, hashes); }

    public int maxTiles() { return maxTiles; }

    public TileEncoder encoder() { return encoder; }

    /**
     * The slide reader a model needs, or null when it was trained without slides: with {@code given} (null: the built-in
     * histology features, in the version the model names), which must be the very encoder the model was trained with —
     * its id carries the file's hash.
     */
    public static SlideBags forModel(org.livercast.learn.model.InputEncoder model, TileEncoder given, Path cacheDir) {
        if (!model.usesSlides()) return null;
        String trainedWith = model.tiles().encoderId();
        // The built-in encoder in the version the model was trained with (a model from before stain normalisation keeps
        // reading slides as it did).
        TileEncoder enc = given != null ? given : HistologyFeatureEncoder.withId(trainedWith).orElseGet(HistologyFeatureEncoder::new);
        if (!enc.id().equals(trainedWith)) {
            throw new IllegalArgumentException("the model was trained with tile encoder " + trainedWith + "; this one is " + enc.id());
        }
        return new SlideBags(enc, cacheDir);
    }

    /**
     * The slides' bags, each read (from the cache) only when an iteration reaches it and dropped after: a pass over a
     * cohort's slides — fitting a standardiser, a pooling — holds one slide's embeddings at a time, not the cohort's.
     */
    public Iterable<SlideBag> lazily(List<Path> slides) {
        return () -> slides.stream().map(s -> {
            try {
                return of(s);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).iterator();
    }

    /** The slide's tiles and their embeddings (at most {@link #maxTiles()} of them), from the cache or embedded now. */
    public SlideBag of(Path slide) throws IOException {
        return all(slide).sample(maxTiles);
    }

    private SlideBag all(Path slide) throws IOException {
        String sha = slideSha256(slide);
        // Features computed elsewhere are their own cache: read each time, never copied.
        java.util.Optional<SlideBag> read = encoder.precomputed(slide, sha);
        if (read.isPresent()) return read.get();
        Path cached = cacheDir.resolve(sha + "." + encoder.id() + "." + TILING + ".bag");
        if (Files.exists(cached)) {
            try {
                return read(cached, sha);
            } catch (IOException damaged) {
                // Files are moved into place whole, so this one was damaged afterwards (a disk, a hand): a cache is never a
                // reason to fail, so the slide is embedded again and the file replaced.
            }
        }
        SlideBag bag = compute(slide, sha);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, sha, ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(bag.size());
            out.writeInt(encoder.dimension());
            for (int i = 0; i < bag.size(); i++) {
                SlideBag.TileRef t = bag.tiles().get(i);
                out.writeLong(t.x());
                out.writeLong(t.y());
                out.writeLong(t.sizeLevel0());
                for (float v : bag.embeddings()[i]) out.writeFloat(v);
            }
        }
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return bag;
    }

    private SlideBag compute(Path slide, String sha) throws IOException {
        try (WholeSlide s = Slides.open(slide)) {
            org.livercast.pathology.slide.RgbImage overview = TileGrid.overview(s, 512);
            TissueMask mask = TissueMask.of(overview);
            TileEncoder slideEncoder = encoder.forSlide(overview);
            List<TileGrid.Tile> grid = TileGrid.of(s, mask, MPP, TILE_PX, MIN_TISSUE);
            List<SlideBag.TileRef> tiles = new ArrayList<>();
            float[][] emb = new float[grid.size()][];
            // Tiles are read and embedded 32 at a time: batches for a network encoder, bounded memory for big slides.
            for (int from = 0; from < grid.size(); from += 32) {
                List<org.livercast.pathology.slide.RgbImage> chunk = new ArrayList<>();
                for (int i = from; i < Math.min(grid.size(), from + 32); i++) {
                    TileGrid.Tile t = grid.get(i);
                    tiles.add(new SlideBag.TileRef(t.x(), t.y(), t.sizeLevel0()));
                    chunk.add(TileGrid.read(s, t));
                }
                List<float[]> e = slideEncoder.embedAll(chunk);
                for (int k = 0; k < e.size(); k++) emb[from + k] = e.get(k);
            }
            return new SlideBag(sha, encoder.id(), List.copyOf(tiles), emb);
        }
    }

    /**
     * The cache file in one read, parsed from memory with a bulk copy a tile: a training run reads each slide's several
     * times ({@link #lazily}), and a foundation model's bag (4,096 × 1,024 floats, 17 MB) read so in 26–56 ms against
     * 32–103 ms with a DataInputStream call per float (five reads each, 2-core AMD EPYC).
     */
    private SlideBag read(Path cached, String sha) throws IOException {
        java.nio.ByteBuffer buf;  // big-endian, as DataOutputStream wrote it
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(cached)) {
            if (ch.size() > Integer.MAX_VALUE) throw new IOException(cached + ": " + ch.size() + " bytes, more than a tile-embedding cache file holds");
            buf = java.nio.ByteBuffer.allocate((int) ch.size());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // until the buffer is full or the file ends
            }
            buf.flip();
        }
        try {
            if (buf.getInt() != MAGIC) throw new IOException(cached + ": not a LiverCast tile-embedding cache file");
            int n = buf.getInt();
            int d = buf.getInt();
            if (d != encoder.dimension()) throw new IOException(cached + ": " + d + " features per tile, encoder " + encoder.id() + " has " + encoder.dimension());
            if (n < 0 || buf.limit() != 12 + (long) n * (24 + 4L * d)) throw new IOException(cached + ": truncated tile-embedding cache file");
            List<SlideBag.TileRef> tiles = new ArrayList<>(n);
            float[][] emb = new float[n][d];
            for (int i = 0; i < n; i++) {
                tiles.add(new SlideBag.TileRef(buf.getLong(), buf.getLong(), buf.getLong()));
                buf.asFloatBuffer().get(emb[i]);
                buf.position(buf.position() + 4 * d);
            }
            return new SlideBag(sha, encoder.id(), List.copyOf(tiles), emb);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(cached + ": truncated tile-embedding cache file", e);
        }
    }

    /**
     * The slide's SHA-256, hashed again only when the file's size or modification time changed since. A DICOM slide is
     * a folder of instances: its hash is that of its files' names and hashes, in name order, and it is hashed again when
     * their total size or latest modification changed. A MIRAX slide is hashed so with the folder beside its .mrxs, a VMS or
     * VMU with the files its key file names.
     */
    String slideSha256(Path slide) throws IOException {
        Path key = slide.toAbsolutePath().normalize();
        List<Path> files;
        if (Files.isDirectory(key)) {
            try (java.util.stream.Stream<Path> s = Files.walk(key)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else if (MiraxSlide.is(key)) {
            // A MIRAX slide's images are in the folder beside its .mrxs (which may be empty): hashed with it.
            try (java.util.stream.Stream<Path> s = Files.walk(MiraxSlide.folder(key))) {
                files = java.util.stream.Stream.concat(java.util.stream.Stream.of(key), s.filter(Files::isRegularFile).sorted()).toList();
            }
        } else if (VmsIndexFile.named(key)) {
            // A Hamamatsu VMS or VMU is its key file and the image files it names: hashed with them.
            files = VmsIndexFile.read(key).files().stream().map(f -> f.toAbsolutePath().normalize()).toList();
        } else {
            files = List.of(key);
        }
        long size = 0;
        java.nio.file.attribute.FileTime modified = java.nio.file.attribute.FileTime.fromMillis(0);
        for (Path f : files) {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
            size += a.size();
            if (a.lastModifiedTime().compareTo(modified) > 0) modified = a.lastModifiedTime();
        }
        FileHash known = hashes.get(key);
        if (known != null && known.size() == size && known.modified().equals(modified)) return known.sha256();
        String sha;
        if (files.size() == 1 && files.get(0).equals(key)) {
            sha = sha256(key);
        } else {
            StringBuilder listing = new StringBuilder();
            for (Path f : files) listing.append(key.relativize(f)).append(' ').append(sha256(f)).append('\n');
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        hashes.put(key, new FileHash(size, modified, sha));
        return sha;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
