package org.livercast.pathology.tiff;

/** A TIFF/SVS file that cannot be read; names the file, where (IFD, tile) and why. */
public final class TiffException extends RuntimeException {
    public TiffException(String message) { super(message); }

    public TiffException(String message, Throwable cause) { super(message, cause); }
}
