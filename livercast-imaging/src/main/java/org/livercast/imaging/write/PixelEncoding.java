package org.livercast.imaging.write;

import org.livercast.imaging.series.ImageVolume;

/**
 * How float voxels become 16-bit stored values: exactly when they are integers in range (as scanners store MR), else
 * linearly rescaled over the full unsigned range with a slope and intercept a reader applies (as Philips stores MR).
 */
record PixelEncoding(boolean signed, double slope, double intercept, double windowCentre, double windowWidth) {
    static PixelEncoding of(float[] v) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        boolean integral = true;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (integral && x != Math.rint(x)) integral = false;
        }
        double width = Math.max(1, max - min);
        double centre = (max + min) / 2;
        if (integral && min >= 0 && max <= 65535) return new PixelEncoding(false, 1, 0, centre, width);
        if (integral && min >= -32768 && max <= 32767) return new PixelEncoding(true, 1, 0, centre, width);
        double slope = (max - min) / 65535.0;
        if (slope == 0) slope = 1;
        return new PixelEncoding(false, Double.parseDouble(DataSetWriter.ds(slope)), Double.parseDouble(DataSetWriter.ds(min)), centre, width);
    }

    byte[] slice(ImageVolume v, int k) {
        int n = v.nx() * v.ny();
        byte[] b = new byte[2 * n];
        int base = k * n;
        for (int i = 0; i < n; i++) {
            long s = Math.round((v.voxels()[base + i] - intercept) / slope);
            s = signed ? Math.max(-32768, Math.min(32767, s)) : Math.max(0, Math.min(65535, s));
            b[2 * i] = (byte) s;
            b[2 * i + 1] = (byte) (s >> 8);
        }
        return b;
    }
}
