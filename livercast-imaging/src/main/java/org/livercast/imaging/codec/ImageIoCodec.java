package org.livercast.imaging.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.dicom.TransferSyntax;

/**
 * JPEG baseline (the JDK's ImageIO reader) and JPEG 2000 (jai-imageio-jpeg2000) frames, read as raw rasters so no
 * colour conversion happens behind the caller's back; signed JPEG 2000 samples are re-signed from their bits.
 */
final class ImageIoCodec {
    private ImageIoCodec() {}

    static int[] decode(String file, byte[] frame, PixelDecoder.Layout l, TransferSyntax.Codec codec) {
        String format = codec == TransferSyntax.Codec.JPEG_2000 ? "jpeg2000" : "jpeg";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) throw new DicomFileException(file, Tag.PixelData, "no ImageIO reader for " + format + " on the classpath");
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in);
            Raster r = codec == TransferSyntax.Codec.JPEG_2000 ? reader.read(0).getRaster() : readJpeg(reader, l);
            int w = r.getWidth();
            int h = r.getHeight();
            int bands = r.getNumBands();
            if (w != l.columns() || h != l.rows() || bands != l.samples()) {
                throw new DicomFileException(file, Tag.PixelData, format + " frame is " + w + "x" + h + "x" + bands + " but the header says "
                        + l.columns() + "x" + l.rows() + "x" + l.samples());
            }
            int[] out = r.getPixels(0, 0, w, h, (int[]) null);
            return l.signed() && l.bitsStored() < 32 ? PixelDecoder.signedFromBits(out, l.bitsStored()) : out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DicomFileException d) throw d;
            throw new DicomFileException(file, Tag.PixelData, format + " frame cannot be decoded: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /**
     * The JDK reader's raw raster keeps YCbCr as stored; DICOM JPEG baseline colour images are YBR_FULL_422 by
     * convention and are converted to RGB the way pydicom/Pillow report them, so we let ImageIO convert colour
     * (read()) and read greyscale raw.
     */
    private static Raster readJpeg(ImageReader reader, PixelDecoder.Layout l) throws IOException {
        return l.samples() == 1 ? reader.readRaster(0, null) : reader.read(0).getRaster();
    }
}
