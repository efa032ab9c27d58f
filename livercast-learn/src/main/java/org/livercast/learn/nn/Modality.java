package org.livercast.learn.nn;

/**
 * One input of the fusion network: its name ("clinical", "radiology", "mri", "pathology", "slide", "strategy"), its
 * type and width. A {@link Type#VECTOR} is one vector; a {@link Type#BAG} is a variable number of instances (a slide's
 * tiles), each {@code width} wide — the instance's features followed by 1 (real) or 0 (padding) — pooled by gated
 * attention; a {@link Type#VOLUME} is a {@code channels} × side³ image flattened (the MRI ROI), read by a 3D CNN; a
 * {@link Type#TREATMENT} is a vector of treatment components (0/1) whose effects add on the log hazard through the
 * network's linear path only: one log hazard ratio per component, the same for every patient. An effect that differs
 * between patients is a component of its own (TACE × a subgroup indicator). The trunk does not modify the effects: a
 * trunk-based modifier was tried and its individual effects carried no information about the truth's (BENCHMARKS.md).
 */
public record Modality(String name, int width, Type type, int channels) {
    public enum Type { VECTOR, BAG, VOLUME, TREATMENT }

    public Modality {
        if (width <= 0) throw new IllegalArgumentException("modality " + name + " has width " + width);
        if (type == null) type = Type.VECTOR;
    }

    public Modality(String name, int width) { this(name, width, Type.VECTOR, 0); }

    public static Modality bagOf(String name, int featuresPerInstance) { return new Modality(name, featuresPerInstance + 1, Type.BAG, 0); }

    public static Modality volume(String name, int channels, int side) {
        return new Modality(name, Mri3dCnn.width(channels, side), Type.VOLUME, channels);
    }

    public boolean bag() { return type == Type.BAG; }

    public boolean vector() { return type == Type.VECTOR; }

    public static Modality treatment(String name, int components) { return new Modality(name, components, Type.TREATMENT, 0); }

    /** Edge length of a volume modality's cube, in voxels. */
    public int side() { return (int) Math.round(Math.cbrt((double) width / channels)); }
}
