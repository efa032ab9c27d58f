package org.livercast.imaging.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads single-file NIfTI-1 (.nii, .nii.gz), either byte order, the common data types. */
public final class NiftiReader {
    private NiftiReader() {}

    public static NiftiImage read(Path path) throws IOException {
        byte[] bytes;
        // Gzip by its magic number, not the name: a content-addressed store names files by hash.
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                bytes = in.readAllBytes();
            }
        }
        return parse(path.toString(), bytes);
    }

    static NiftiImage parse(String file, byte[] bytes) {
        if (bytes.length < 352) throw new NiftiException(file, "shorter than a NIfTI-1 header (" + bytes.length + " bytes)");
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != 348) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != 348) throw new NiftiException(file, "sizeof_hdr is not 348: not NIfTI-1");
        }
        String magic = new String(bytes, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
        if (!magic.equals("n+1")) throw new NiftiException(file, "magic '" + magic + "': only single-file NIfTI-1 (n+1) is read");
        int rank = h.getShort(40);
        if (rank < 1 || rank > 7) throw new NiftiException(file, "dim[0] = " + rank + " out of range");
        int[] dims = new int[Math.max(3, rank)];
        long count = 1;
        for (int d = 0; d < dims.length; d++) {
            dims[d] = d < rank ? h.getShort(42 + 2 * d) : 1;
            if (dims[d] < 1) throw new NiftiException(file, "dim[" + (d + 1) + "] = " + dims[d]);
            count *= dims[d];
        }
        int datatype = h.getShort(70);
        double[] zooms = new double[dims.length];
        for (int d = 0; d < dims.length; d++) zooms[d] = d < rank ? h.getFloat(80 + 4 * d) : 1;
        int offset = (int) h.getFloat(108);
        float slope = h.getFloat(112);
        float inter = h.getFloat(116);
        int bytesPer = switch (datatype) {
            case 2, 256 -> 1;
            case 4, 512 -> 2;
            case 8, 16, 768 -> 4;
            case 64 -> 8;
            default -> throw new NiftiException(file, "datatype " + datatype + " is not supported");
        };
        if (offset + count * bytesPer > bytes.length) {
            throw new NiftiException(file, "truncated: " + count + " voxels of " + bytesPer + " bytes need " + (offset + count * bytesPer)
                    + " bytes, the file has " + bytes.length);
        }
        float[] data = new float[(int) count];
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, bytes.length - offset).slice().order(h.order());
        for (int i = 0; i < count; i++) {
            data[i] = switch (datatype) {
                case 2 -> b.get(i) & 0xFF;
                case 256 -> b.get(i);
                case 4 -> b.getShort(2 * i);
                case 512 -> b.getShort(2 * i) & 0xFFFF;
                case 8 -> b.getInt(4 * i);
                case 768 -> (float) Integer.toUnsignedLong(b.getInt(4 * i));
                case 16 -> b.getFloat(4 * i);
                default -> (float) b.getDouble(8 * i);
            };
        }
        if (slope != 0 && !Float.isNaN(slope) && !(slope == 1 && inter == 0)) {
            for (int i = 0; i < data.length; i++) data[i] = data[i] * slope + inter;
        }
        return new NiftiImage(dims, data, zooms, affine(h, zooms), datatype);
    }

    /** sform when its code is set, else the qform quaternion, else voxel sizes only (NIfTI "method 1"). */
    static double[][] affine(ByteBuffer h, double[] zooms) {
        double[][] a = new double[4][4];
        a[3][3] = 1;
        if (h.getShort(254) > 0) {
            for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) a[r][c] = h.getFloat(280 + 16 * r + 4 * c);
            return a;
        }
        if (h.getShort(252) > 0) {
            double b = h.getFloat(256);
            double c = h.getFloat(260);
            double d = h.getFloat(264);
            double w = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
            double qfac = h.getFloat(76) < 0 ? -1 : 1;
            double[][] rot = Quaternions.toRotation(w, b, c, d);
            double[] scale = {zooms[0], zooms[1], zooms[2] * qfac};
            for (int r = 0; r < 3; r++) for (int col = 0; col < 3; col++) a[r][col] = rot[r][col] * scale[col];
            a[0][3] = h.getFloat(268);
            a[1][3] = h.getFloat(272);
            a[2][3] = h.getFloat(276);
            return a;
        }
        for (int d = 0; d < 3; d++) a[d][d] = zooms[d];
        return a;
    }
}
