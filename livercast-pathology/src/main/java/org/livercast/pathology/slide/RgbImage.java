package org.livercast.pathology.slide;

import java.awt.image.BufferedImage;

/** Packed RGB pixels (0xRRGGBB), row-major. Pixels outside the slide are black, as OpenSlide's RGB after dropping alpha. */
public record RgbImage(int width, int height, int[] pixels) {
    public int rgb(int x, int y) { return pixels[y * width + x]; }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, pixels, 0, width);
        return img;
    }

    public static RgbImage of(BufferedImage img) {
        int[] px = new int[img.getWidth() * img.getHeight()];
        img.getRGB(0, 0, img.getWidth(), img.getHeight(), px, 0, img.getWidth());
        for (int i = 0; i < px.length; i++) px[i] &= 0xFFFFFF;
        return new RgbImage(img.getWidth(), img.getHeight(), px);
    }

    /** The image resampled bilinearly to {@code w} × {@code h} (itself when it already has that size). */
    public RgbImage resized(int w, int h) {
        if (w == width && h == height) return this;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(toBufferedImage(), 0, 0, w, h, null);
        g.dispose();
        return of(out);
    }

    /**
     * The mean absolute difference per channel from another image of the same size: how far apart two codings of the
     * same pixels are (JPEG's loss is a few units; a one-pixel misplacement of textured tissue, several times more).
     */
    public double meanAbsoluteDifference(RgbImage other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException(width + "x" + height + " against " + other.width + "x" + other.height);
        }
        long sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            for (int s = 0; s <= 16; s += 8) sum += Math.abs((pixels[i] >> s & 0xFF) - (other.pixels[i] >> s & 0xFF));
        }
        return sum / (3.0 * pixels.length);
    }

    /** The RGB bytes row by row (R, G, B per pixel), the form OpenSlide reference MD5s are taken over. */
    public byte[] rgbBytes() {
        byte[] b = new byte[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            b[3 * i] = (byte) (pixels[i] >> 16);
            b[3 * i + 1] = (byte) (pixels[i] >> 8);
            b[3 * i + 2] = (byte) pixels[i];
        }
        return b;
    }
}
