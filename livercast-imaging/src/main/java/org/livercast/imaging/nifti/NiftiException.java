package org.livercast.imaging.nifti;

/** A NIfTI file that cannot be read; names the file and the reason. */
public final class NiftiException extends RuntimeException {
    public NiftiException(String file, String reason) { super(file + ": " + reason); }
}
