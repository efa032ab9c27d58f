package org.livercast.imaging.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.livercast.imaging.series.ImageVolume;

/**
 * Writes NIfTI-1 single files (.nii, or gzip-compressed .nii.gz) as float32 with both the sform and the qform set
 * (code 1, scanner-based) to the voxel-to-RAS affine, so nibabel, ITK and FSL agree on where every voxel is.
 */
public final class NiftiWriter {
    private NiftiWriter() {}

    public static void write(ImageVolume v, Path out, String description) throws IOException {
        write(new int[] {v.nx(), v.ny(), v.nz()}, v.voxels(), v.spacing(), v.affineRas(), out, description);
    }

    public static void write(int[] dims, float[] data, double[] zooms, double[][] affineRas, Path out, String description)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 348);
        h.putShort(40, (short) 3);
        for (int d = 0; d < 3; d++) h.putShort(42 + 2 * d, (short) dims[d]);
        for (int d = 3; d < 7; d++) h.putShort(42 + 2 * d, (short) 1);
        h.putShort(70, (short) 16);
        h.putShort(72, (short) 32);
        double[][] rot = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) rot[r][c] = affineRas[r][c] / zooms[c];
        }
        double[] q = Quaternions.fromRotation(rot);
        h.putFloat(76, (float) q[3]);
        for (int d = 0; d < 3; d++) h.putFloat(80 + 4 * d, (float) zooms[d]);
        h.putFloat(108, 352f);
        h.putFloat(112, 1f);
        h.putFloat(116, 0f);
        h.put(123, (byte) 10);   // xyzt_units: mm and seconds
        byte[] desc = (description == null ? "LiverCast" : description).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(79, desc.length); i++) h.put(148 + i, desc[i]);
        h.putShort(252, (short) 1);
        h.putShort(254, (short) 1);
        h.putFloat(256, (float) q[0]);
        h.putFloat(260, (float) q[1]);
        h.putFloat(264, (float) q[2]);
        h.putFloat(268, (float) affineRas[0][3]);
        h.putFloat(272, (float) affineRas[1][3]);
        h.putFloat(276, (float) affineRas[2][3]);
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) h.putFloat(280 + 16 * r + 4 * c, (float) affineRas[r][c]);
        h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        try (OutputStream raw = Files.newOutputStream(out);
             OutputStream o = out.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            o.write(h.array());
            o.write(body.array());
        }
    }
}
