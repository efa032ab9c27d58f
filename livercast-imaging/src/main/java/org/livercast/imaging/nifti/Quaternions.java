package org.livercast.imaging.nifti;

/** NIfTI's quaternion ↔ rotation-matrix conversions (nifti1_io's quatern_to_mat44 and mat44_to_quatern). */
final class Quaternions {
    private Quaternions() {}

    static double[][] toRotation(double a, double b, double c, double d) {
        return new double[][] {
                {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
    }

    /**
     * From a rotation (columns unit length; a left-handed matrix is made proper by negating its third column and
     * reporting qfac = −1): returns {b, c, d, qfac}.
     */
    static double[] fromRotation(double[][] r) {
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        double[][] m = {r[0].clone(), r[1].clone(), r[2].clone()};
        if (det < 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) m[i][2] = -m[i][2];
        }
        double a = m[0][0] + m[1][1] + m[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (m[2][1] - m[1][2]) / a;
            c = 0.25 * (m[0][2] - m[2][0]) / a;
            d = 0.25 * (m[1][0] - m[0][1]) / a;
        } else {
            double xd = 1 + m[0][0] - (m[1][1] + m[2][2]);
            double yd = 1 + m[1][1] - (m[0][0] + m[2][2]);
            double zd = 1 + m[2][2] - (m[0][0] + m[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (m[0][1] + m[1][0]) / b;
                d = 0.25 * (m[0][2] + m[2][0]) / b;
                a = 0.25 * (m[2][1] - m[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (m[0][1] + m[1][0]) / c;
                d = 0.25 * (m[1][2] + m[2][1]) / c;
                a = 0.25 * (m[0][2] - m[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (m[0][2] + m[2][0]) / d;
                c = 0.25 * (m[1][2] + m[2][1]) / d;
                a = 0.25 * (m[1][0] - m[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac};
    }
}
