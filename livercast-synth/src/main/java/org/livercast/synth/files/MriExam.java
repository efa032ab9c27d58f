package org.livercast.synth.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.livercast.core.model.Nodule;
import org.livercast.imaging.nifti.NiftiWriter;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.write.EnhancedMrWriter;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.imaging.write.Uids;
import org.livercast.synth.CentreProfile;
import org.livercast.synth.SyntheticPatient;

/**
 * Paints a multi-phase liver MRI for a patient and writes it as DICOM series with the tumour mask as NIfTI on the arterial
 * grid, as the centre's scanners export it ({@link CentreProfile.MriExport}): a series a phase, a file a slice; the
 * pre-contrast and dynamic phases as one Enhanced MR file, a temporal position each (Philips); or as one classic series
 * told apart by Temporal Position Identifier (GE). The hepatobiliary phase is a series of its own in each. Signal per tissue and phase follows the enhancement pattern of the lesion:
 * HCC — arterial hyperenhancement (rim when aggressive), portal-venous/delayed washout, enhancing capsule,
 * hepatobiliary hypointensity; ICC — rim enhancement, progressive delayed fill-in, no washout; benign — arterial
 * enhancement fading to iso. MVI signs: non-smooth margin, arterial peritumoral enhancement. Cirrhosis gives a
 * nodular liver texture; the centre sets noise, intensity scale, slice thickness and which phases exist.
 */
public final class MriExam {
    static final int NX = 96;
    static final int NY = 96;
    static final int NZ = 20;

    private MriExam() {}

    /** Phase name → (series description, seconds after injection or −1 for none). */
    static final String[][] PHASES = {{"non_contrast", "AX T1 VIBE PRE", "-1"}, {"arterial", "AX T1 VIBE ART 30s", "30"},
            {"portal_venous", "AX T1 VIBE PV 70s", "70"}, {"delayed", "AX T1 VIBE DELAY 3min", "180"}, {"hepatobiliary", "AX T1 VIBE HBP 20min", "1200"}};

    /** @return the folder of each phase written (a centre's dynamic file is named once for each of its phases) */
    public static List<Path> write(SyntheticPatient p, Path dir, long seed) throws IOException {
        var c = p.centre();
        double spacing = c.pixelSpacingMm() * 2.6;
        double thickness = c.sliceThicknessMm() * 1.6;
        String study = Uids.fromName(seed + "/" + p.truth().patientId() + "/study");
        String frame = Uids.fromName(seed + "/" + p.truth().patientId() + "/frame");
        LocalDate date = p.record().imaging().get(0).date();
        boolean[] tumour = new boolean[NX * NY * NZ];
        List<Path> out = new ArrayList<>();
        // An enhanced centre's scanner writes the pre-contrast and dynamic phases as one file, a temporal position each.
        List<ImageVolume> dynamic = new ArrayList<>();
        List<LocalTime> dynamicTimes = new ArrayList<>();
        SeriesMetadata.Builder dynamicMeta = null;
        java.nio.file.Files.createDirectories(dir);
        int series = 1;
        for (String[] ph : PHASES) {
            if (ph[0].equals("hepatobiliary") && !c.hepatobiliary()) continue;
            if (ph[0].equals("delayed") && !p.record().imaging().get(0).phases().contains(org.livercast.core.model.Phase.DELAYED)) continue;
            SplittableRandom r = new SplittableRandom(seed * 31 + p.truth().patientId().hashCode() * 17L + series);
            float[] v = paint(p, ph[0], r, tumour);
            ImageVolume vol = new ImageVolume(NX, NY, NZ, new double[] {spacing, spacing, thickness}, new double[] {-NX * spacing / 2, -NY * spacing / 2, 0},
                    new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, v);
            int delay = Integer.parseInt(ph[2]);
            LocalTime injection = LocalTime.of(9, 10);
            var meta = SeriesMetadata.builder()
                    .patient(p.identity().namePinyin(), p.identity().hospitalNumber(), p.identity().birthDate(),
                            p.record().patient().sex() == org.livercast.core.model.Sex.MALE ? "M" : "F")
                    .study(study, date, LocalTime.of(9, 0), "MR LIVER DYNAMIC").frameOfReference(frame)
                    .series(null, series, ph[1]).institution(c.name(), "LiverCast Synthetic")
                    .acquisitionTime(delay < 0 ? LocalTime.of(9, 5) : injection.plusSeconds(delay))
                    .uidSeed(seed + "/" + p.truth().patientId());
            if (delay >= 0) meta.contrast(c.hepatobiliary() ? "Gd-EOB-DTPA (Primovist)" : "Gd-DTPA", injection);
            Path seriesDir = dir.resolve(String.format("%02d_%s", series, ph[0]));
            boolean dynamicPhase = !ph[0].equals("hepatobiliary");
            if (c.mriExport() != CentreProfile.MriExport.SERIES_A_PHASE && dynamicPhase) {
                // Kept for the one dynamic series the centre's scanner writes after the last phase (below).
                dynamic.add(vol);
                dynamicTimes.add(delay < 0 ? LocalTime.of(9, 5) : injection.plusSeconds(delay));
                dynamicMeta = meta.series(null, 1, "AX T1 VIBE DYN").contrast(c.hepatobiliary() ? "Gd-EOB-DTPA (Primovist)" : "Gd-DTPA", injection);
                out.add(dir.resolve("01_dynamic"));
            } else if (c.mriExport() == CentreProfile.MriExport.ENHANCED_DYNAMIC) {
                EnhancedMrWriter.write(vol, meta.build(), seriesDir.resolve("enhanced_mr.dcm"));
                out.add(seriesDir);
            } else {
                MrSeriesWriter.write(vol, meta.build(), seriesDir);
                out.add(seriesDir);
            }
            if (ph[0].equals("arterial")) {
                float[] m = new float[tumour.length];
                for (int i = 0; i < m.length; i++) m[i] = tumour[i] ? 1 : 0;
                ImageVolume mask = new ImageVolume(NX, NY, NZ, vol.spacing(), vol.origin(), vol.rowDir(), vol.colDir(), vol.sliceDir(), m);
                NiftiWriter.write(mask, dir.resolve("tumour_mask.nii.gz"), "tumour mask on the arterial grid");
            }
            series++;
        }
        if (c.mriExport() == CentreProfile.MriExport.ENHANCED_DYNAMIC && !dynamic.isEmpty()) {
            EnhancedMrWriter.writeDynamic(dynamic, dynamicTimes, dynamicMeta.acquisitionTime(dynamicTimes.get(0)).build(),
                    dir.resolve("01_dynamic").resolve("enhanced_mr.dcm"));
        }
        for (int t = 0; c.mriExport() == CentreProfile.MriExport.MULTIPHASE_SERIES && t < dynamic.size(); t++) {
            MrSeriesWriter.write(dynamic.get(t), dynamicMeta.acquisitionTime(dynamicTimes.get(t)).temporalPosition(t + 1, dynamic.size()).build(),
                    dir.resolve("01_dynamic"));
        }
        return out;
    }

    private static float[] paint(SyntheticPatient p, String phase, SplittableRandom r, boolean[] tumourOut) {
        var c = p.centre();
        var f = p.findings();
        boolean cirrhosis = Boolean.TRUE.equals(p.record().patient().cirrhosis());
        double liver = switch (phase) {
            case "non_contrast" -> 500;
            case "arterial" -> 560;
            case "portal_venous" -> 820;
            case "delayed" -> 720;
            default -> 950;
        };
        double tumourCore;
        double tumourRim;
        boolean hcc = f.lesion().equals("hcc");
        boolean icc = f.lesion().equals("icc");
        switch (phase) {
            case "non_contrast" -> { tumourCore = 420; tumourRim = 420; }
            case "arterial" -> { tumourCore = f.rimEnhancement() ? 480 : 950; tumourRim = 980; }
            case "portal_venous" -> { tumourCore = hcc && f.washout() ? 560 : icc ? 650 : 800; tumourRim = hcc && f.capsule() ? 900 : tumourCore; }
            case "delayed" -> { tumourCore = hcc && f.washout() ? 480 : icc ? 820 : 720; tumourRim = hcc && f.capsule() ? 900 : tumourCore; }
            default -> { tumourCore = hcc || icc ? 330 : 900; tumourRim = tumourCore; }
        }
        float[] v = new float[NX * NY * NZ];
        List<Nodule> nodules = p.record().patient().preoperativeBurden().nodules();
        double spacing = c.pixelSpacingMm() * 2.6;
        double thickness = c.sliceThicknessMm() * 1.6;
        double[][] centres = new double[nodules.size()][];
        for (int n = 0; n < nodules.size(); n++) {
            SplittableRandom place = new SplittableRandom(p.truth().patientId().hashCode() * 13L + n);
            centres[n] = new double[] {NX * (0.35 + 0.25 * place.nextDouble()), NY * (0.35 + 0.25 * place.nextDouble()), NZ * (0.3 + 0.4 * place.nextDouble())};
        }
        double margin = f.nonSmoothMargin() ? 0.25 : 0.0;
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double bx = (i - NX / 2.0) / (NX * 0.46);
                    double by = (j - NY / 2.0) / (NY * 0.40);
                    double s = 60;                                             // air
                    if (bx * bx + by * by < 1) s = 300;                       // body wall and fat
                    double lx = (i - NX * 0.45) / (NX * 0.32);
                    double ly = (j - NY * 0.47) / (NY * 0.28);
                    double lz = (k - NZ / 2.0) / (NZ * 0.6);
                    boolean inLiver = lx * lx + ly * ly + lz * lz < 1;
                    if (inLiver) s = liver * (cirrhosis ? 1 + 0.08 * Math.sin(i * 0.9) * Math.cos(j * 0.8 + k) : 1);
                    for (int n = 0; n < nodules.size(); n++) {
                        double radiusVox = nodules.get(n).sizeMm() / 2 / spacing;
                        double dx = i - centres[n][0];
                        double dy = j - centres[n][1];
                        double dz = (k - centres[n][2]) * thickness / spacing;
                        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        double angle = Math.atan2(dy, dx);
                        double edge = radiusVox * (1 + margin * Math.sin(5 * angle) * Math.cos(3 * dz / Math.max(1, radiusVox)));
                        if (d <= edge) {
                            s = d > edge - 1.2 ? tumourRim : tumourCore;
                            tumourOut[i + NX * (j + NY * k)] = true;
                        } else if (f.peritumoral() && phase.equals("arterial") && d <= edge + 3 && inLiver) {
                            s = liver + 180;                                  // arterial peritumoral enhancement
                        }
                    }
                    v[i + NX * (j + NY * k)] = (float) Math.max(0, Math.round(c.intensityScale() * s + c.noiseSd() * gaussian(r)));
                }
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
