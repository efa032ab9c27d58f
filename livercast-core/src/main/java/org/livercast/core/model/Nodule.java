package org.livercast.core.model;

import org.livercast.core.Checks;
import org.livercast.core.InvalidValueException;

/**
 * One tumour nodule: its largest diameter in millimetres and its Couinaud segment (1-8), when known (0 = not
 * recorded). Sizes are millimetres everywhere in LiverCast so that the 20/30/50 mm boundaries compare exactly.
 */
public record Nodule(double sizeMm, int couinaudSegment) {
    /** The largest HCC resected in the literature is ~30 cm; beyond that a value is a unit error (cm vs mm). */
    public static final double MAX_SIZE_MM = 300;

    public Nodule {
        if (Double.isNaN(sizeMm) || sizeMm <= 0) throw new InvalidValueException("sizeMm", sizeMm, "must be positive");
        Checks.inRange("sizeMm", sizeMm, 0, MAX_SIZE_MM);
        Checks.inRange("couinaudSegment", couinaudSegment, 0, 8);
    }

    public static Nodule ofMm(double sizeMm) { return new Nodule(sizeMm, 0); }

    public double sizeCm() { return sizeMm / 10.0; }
}
