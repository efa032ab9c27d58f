package org.livercast.imaging.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.nifti.NiftiWriter;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;

/** A series LiverCast writes is read back — by LiverCast, dcmtk and pydicom — with the same geometry and voxels. */
class MrSeriesWriterTest {
    static ImageVolume phantom() { return Phantoms.phantom(); }

    static ImageVolume integralPhantom() { return Phantoms.integralPhantom(); }

    static SeriesMetadata metadata() { return Phantoms.metadata(); }

    @Test
    void livercastReadsBackTheSameGeometryAndVoxels(@TempDir Path dir) throws Exception {
        ImageVolume original = phantom();
        MrSeriesWriter.write(original, metadata(), dir);
        List<DicomSeries> all = SeriesAssembler.readDirectory(dir);
        assertThat(all).hasSize(1);
        ImageVolume back = all.get(0).volume();
        assertThat(back.nx()).isEqualTo(20);
        assertThat(back.ny()).isEqualTo(16);
        assertThat(back.nz()).isEqualTo(6);
        for (int a = 0; a < 3; a++) {
            assertThat(back.origin()[a]).isCloseTo(original.origin()[a], within(1e-9));
            assertThat(back.rowDir()[a]).isCloseTo(original.rowDir()[a], within(1e-12));
            assertThat(back.spacing()[a]).isCloseTo(original.spacing()[a], within(1e-9));
        }
        double slope = all.get(0).first().dataSet().doubleValue(Tag.RescaleSlope, 1);
        for (int i = 0; i < back.voxels().length; i++) {
            assertThat((double) back.voxels()[i]).isCloseTo(original.voxels()[i], within(slope / 2 + 1e-4));
        }
        assertThat(all.get(0).first().string(Tag.ContrastBolusAgent)).isEqualTo("Gd-EOB-DTPA");
        assertThat(all.get(0).description()).isEqualTo("AX T1 ART");
        // Integral data are stored exactly, without rescale attributes.
        Path exact = dir.resolve("exact");
        MrSeriesWriter.write(integralPhantom(), metadata(), exact);
        DicomSeries e = SeriesAssembler.readDirectory(exact).get(0);
        assertThat(e.first().dataSet().contains(Tag.RescaleSlope)).isFalse();
        assertThat(java.util.Arrays.equals(e.volume().voxels(), integralPhantom().voxels())).isTrue();
    }

    @Test
    void dcmtkReadsEveryFileWithoutWarnings(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Oracles.dcmtkAvailable(), "needs dcmtk");
        List<Path> files = MrSeriesWriter.write(integralPhantom(), metadata(), dir);
        for (Path f : files) {
            String dump = run(List.of("/usr/bin/dcmdump", "+E", f.toString()), dir.resolve("dump.err"));
            assertThat(Files.readString(dir.resolve("dump.err"))).as("dcmdump warnings for " + f).isEmpty();
            assertThat(dump).contains("(0008,0016) UI =MRImageStorage").contains("(7fe0,0010) OW");
        }
        run(List.of("/usr/bin/dcm2pnm", files.get(2).toString(), dir.resolve("slice.pgm").toString()), dir.resolve("pnm.err"));
        assertThat(Files.readString(dir.resolve("pnm.err"))).as("dcm2pnm warnings").isEmpty();
        assertThat(Files.size(dir.resolve("slice.pgm"))).isGreaterThan(20 * 16);
    }

    @Test
    void pydicomReadsTheSameVoxelsWithWarningsAsErrors(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Oracles.pydicomAvailable(), "needs python3-pydicom");
        MrSeriesWriter.write(phantom(), metadata(), dir);
        String script = "import glob, sys, warnings\nwarnings.simplefilter('error')\nimport pydicom\n"
                + "from pydicom import config\nconfig.settings.reading_validation_mode = config.RAISE\n"
                + "fs = sorted(glob.glob(sys.argv[1] + '/*.dcm'))\ntotal = 0.0\n"
                + "for f in fs:\n    d = pydicom.dcmread(f)\n"
                + "    total += float((d.pixel_array * float(d.get('RescaleSlope', 1)) + float(d.get('RescaleIntercept', 0))).sum())\n"
                + "print(len(fs), d.Rows, d.Columns, repr(total))\n";
        Path py = dir.resolve("check.py");
        Files.writeString(py, script);
        String[] out = Oracles.run(List.of(Oracles.PYTHON.toString(), py.toString(), dir.toString())).trim().split(" ");
        ImageVolume ours = SeriesAssembler.readDirectory(dir).get(0).volume();
        assertThat(out[0]).isEqualTo("6");
        assertThat(out[1]).isEqualTo("16");
        assertThat(out[2]).isEqualTo("20");
        assertThat(Double.parseDouble(out[3])).isCloseTo(ours.sum(), within(1e-3 * Math.abs(ours.sum())));
    }

    @Test
    void niftiRoundTripKeepsValuesAndAffine(@TempDir Path dir) throws Exception {
        ImageVolume v = phantom();
        Path nii = dir.resolve("phantom.nii.gz");
        NiftiWriter.write(v, nii, "phantom");
        NiftiImage back = NiftiReader.read(nii);
        assertThat(back.data()).containsExactly(v.voxels());
        double[][] a = v.affineRas();
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) assertThat(back.affineRas()[r][c]).isCloseTo(a[r][c], within(1e-4));
        if (Oracles.pydicomAvailable() && Files.exists(Path.of("/usr/lib/python3/dist-packages/nibabel"))) {
            String out = Oracles.run(List.of(Oracles.PYTHON.toString(), "-c",
                    "import nibabel, sys; i = nibabel.load(sys.argv[1]); import numpy as np; "
                            + "print(i.shape, float(np.asarray(i.dataobj).mean()), np.round(i.affine, 4).tolist())", nii.toString()));
            assertThat(out).startsWith("(20, 16, 6)");
            List<Double> nums = new ArrayList<>();
            for (String t : out.substring(out.indexOf(')') + 1).replaceAll("[\\[\\],]", " ").trim().split("\\s+")) nums.add(Double.parseDouble(t));
            assertThat(nums.get(0)).isCloseTo(v.mean(), within(1e-3));
            assertThat(nums.get(1 + 3)).as("affine x offset").isCloseTo(a[0][3], within(1e-3));
        }
    }

    private static String run(List<String> cmd, Path errFile) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        return out;
    }
}
