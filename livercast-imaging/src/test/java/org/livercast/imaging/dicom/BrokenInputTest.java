package org.livercast.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.codec.PixelDecoder;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.series.SeriesException;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.Phantoms;

/** Broken files fail fast with a message naming the file and the problem; nothing hangs or returns wrong voxels. */
class BrokenInputTest {
    static byte[] validFile(Path dir) throws Exception {
        List<Path> files = MrSeriesWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("ok"));
        return Files.readAllBytes(files.get(0));
    }

    @Test
    void truncatedPixelDataIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        byte[] ok = validFile(dir);
        DicomFile f = DicomReader.parse("cut.dcm", java.util.Arrays.copyOf(ok, ok.length - 100));
        assertThat(f.truncated()).isPresent();
        assertThat(f.string(Tag.Modality)).isEqualTo("MR");
        assertThatThrownBy(() -> PixelDecoder.decode(f)).isInstanceOf(DicomFileException.class)
                .hasMessageContaining("cut.dcm").hasMessageContaining("truncated").hasMessageContaining("(7FE0,0010)");
    }

    @Test
    void aWrongPreambleOrMissingPixelDataIsNamed(@TempDir Path dir) throws Exception {
        byte[] ok = validFile(dir);
        byte[] noDicm = ok.clone();
        noDicm[129] = 'X';
        assertThatThrownBy(() -> DicomReader.parse("bad-prefix.dcm", noDicm)).isInstanceOf(DicomFileException.class)
                .hasMessageContaining("bad-prefix.dcm").hasMessageContaining("DICM");
        int pixelTag = indexOf(ok, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        DicomFile noPixels = DicomReader.parse("no-pixels.dcm", java.util.Arrays.copyOf(ok, pixelTag));
        assertThatThrownBy(() -> PixelDecoder.decode(noPixels)).hasMessageContaining("no-pixels.dcm").hasMessageContaining("no pixel data");
    }

    @Test
    void anUnknownTransferSyntaxIsNamedWhenPixelsAreAsked(@TempDir Path dir) throws Exception {
        byte[] ok = validFile(dir);
        String original = "1.2.840.10008.1.2.1\0";
        int at = indexOf(ok, original.getBytes());
        byte[] b = ok.clone();
        // A UID of the same length keeps the meta group length right.
        assertThat(at).isPositive();
        byte[] unknown = "1.2.840.10008.1.2.9\0".getBytes();
        System.arraycopy(unknown, 0, b, at, unknown.length);
        DicomFile f = DicomReader.parse("odd-syntax.dcm", b);
        assertThatThrownBy(() -> PixelDecoder.decode(f)).hasMessageContaining("unsupported transfer syntax 1.2.840.10008.1.2.9")
                .hasMessageContaining("odd-syntax.dcm");
    }

    @Test
    void inconsistentSliceSpacingAndMissingSlicesAreRefused(@TempDir Path dir) throws Exception {
        ImageVolume v = Phantoms.integralPhantom();
        List<Path> files = MrSeriesWriter.write(v, Phantoms.metadata(), dir.resolve("s"));
        Files.delete(files.get(3));
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(dir.resolve("s"))).isInstanceOf(SeriesException.class)
                .hasMessageContaining("missing slice").hasMessageContaining("IM000003.dcm").hasMessageContaining("IM000005.dcm");
        Path dup = dir.resolve("dup");
        List<Path> again = MrSeriesWriter.write(v, Phantoms.metadata(), dup);
        Files.copy(again.get(1), dup.resolve("copy.dcm"));
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(dup)).hasMessageContaining("duplicate slice position");
    }

    /** Mutated files (flipped bytes, cut tails, garbage lengths) either parse or fail with DicomFileException, fast. */
    @Test
    void mutatedFilesNeverHangOrThrowAnythingElse(@TempDir Path dir) throws Exception {
        byte[] ok = validFile(dir);
        SplittableRandom r = new SplittableRandom(4);
        List<String> unexpected = new ArrayList<>();
        long start = System.nanoTime();
        for (int trial = 0; trial < 400; trial++) {
            byte[] m = ok.clone();
            int edits = 1 + r.nextInt(6);
            for (int e = 0; e < edits; e++) m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            if (r.nextBoolean()) m = java.util.Arrays.copyOf(m, r.nextInt(m.length));
            try {
                DicomFile f = DicomReader.parse("m" + trial, m);
                if (f.dataSet().contains(Tag.PixelData)) PixelDecoder.decode(f);
            } catch (DicomFileException | IllegalArgumentException expected) {
                // a clear refusal (IllegalArgumentException: a numeric field that is no longer a number)
            } catch (RuntimeException e) {
                unexpected.add("trial " + trial + ": " + e);
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
