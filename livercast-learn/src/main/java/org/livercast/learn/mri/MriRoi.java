package org.livercast.learn.mri;

import org.livercast.learn.data.UnusableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livercast.core.model.Phase;
import org.livercast.imaging.exam.LiverExam;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.roi.RoiExtractor;
import org.livercast.imaging.roi.RoiTensor;
import org.livercast.imaging.series.Assembly;
import org.livercast.imaging.series.ImageVolume;

/**
 * The MRI input of the models: a patient's imaging folder (DICOM series of one exam and {@code tumour_mask.nii.gz} on
 * the arterial grid, as the synthetic cohort and centres export them) turned into the tumour-centred tensor — the four
 * phases P2 requires as channels, plus the tumour mask and the peritumoral shell as two more — in a
 * {@link #SIZE_MM} mm cube at {@link #VOXEL_MM} mm (16³ voxels). Fixed physical size and spacing, whatever the scanner:
 * that is what makes centres comparable. 80 mm holds a median HCC (~45 mm) with its 1 cm shell; the largest tumours fill
 * the cube and have no shell in it. A missing phase is a channel of zeros; a missing mask or arterial phase means no MRI input.
 */
public final class MriRoi {
    public static final List<Phase> PHASES = List.of(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS, Phase.DELAYED);
    public static final double SIZE_MM = 80;
    public static final double VOXEL_MM = 5;
    public static final double SHELL_MM = 10;
    public static final int SIDE = (int) Math.round(SIZE_MM / VOXEL_MM);
    public static final int CHANNELS = PHASES.size() + 2;

    private MriRoi() {}

    /** Channels × SIDE³ floats, channel-major (phases, tumour, shell), or empty when the exam cannot be used. */
    public static Optional<float[]> read(Path imagingDir) throws IOException {
        Path maskFile = imagingDir.resolve("tumour_mask.nii.gz");
        if (!Files.exists(maskFile)) return Optional.empty();
        // The series that are volumes; a localizer or a report among them is not a reason to lose the exam.
        List<org.livercast.imaging.series.DicomSeries> volumes = Assembly.ofDirectory(imagingDir).series();
        if (volumes.isEmpty()) return Optional.empty();
        LiverExam exam = LiverExam.of(volumes, new PhaseIdentifier(PhaseMapping.none()));
        Optional<ImageVolume> arterial = exam.series(Phase.ARTERIAL).map(s -> s.volume());
        if (arterial.isEmpty()) return Optional.empty();
        ImageVolume ref = arterial.get();
        NiftiImage mask = NiftiReader.read(maskFile);
        if (mask.nx() != ref.nx() || mask.ny() != ref.ny() || mask.nz() != ref.nz()) {
            throw new UnusableInputException(maskFile + ": mask is " + mask.nx() + "x" + mask.ny() + "x" + mask.nz() + ", the arterial series "
                    + ref.nx() + "x" + ref.ny() + "x" + ref.nz());
        }
        boolean[] tumour = new boolean[mask.data().length];
        boolean any = false;
        for (int i = 0; i < tumour.length; i++) any |= tumour[i] = mask.data()[i] > 0.5f;
        if (!any) return Optional.empty();
        List<Phase> present = new ArrayList<>();
        for (Phase p : PHASES) if (exam.series(p).isPresent()) present.add(p);
        RoiTensor t = RoiExtractor.extract(exam, present, tumour, ref, SIZE_MM, VOXEL_MM, SHELL_MM);
        int n = t.grid().size();
        float[] out = new float[CHANNELS * n];
        for (int c = 0; c < present.size(); c++) {
            int channel = PHASES.indexOf(present.get(c));
            System.arraycopy(t.data(), c * n, out, channel * n, n);
        }
        for (int i = 0; i < n; i++) {
            out[PHASES.size() * n + i] = t.tumour()[i] ? 1f : 0f;
            out[(PHASES.size() + 1) * n + i] = t.shell()[i] ? 1f : 0f;
        }
        return Optional.of(out);
    }
}
