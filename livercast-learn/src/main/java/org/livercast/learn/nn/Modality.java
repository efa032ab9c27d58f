package org.livercast.learn.nn;

/**
 * One input of the fusion network: its name ("clinical", "radiology", "pathology", "slide", "strategy") and width. A
 * {@code bag} modality is a variable number of instances (a slide's tiles), each {@code width} wide — the instance's
 * features followed by 1 (real) or 0 (padding) — pooled by gated attention; any other is one vector.
 */
public record Modality(String name, int width, boolean bag) {
    public Modality {
        if (width <= 0) throw new IllegalArgumentException("modality " + name + " has width " + width);
    }

    public Modality(String name, int width) { this(name, width, false); }

    public static Modality bagOf(String name, int featuresPerInstance) { return new Modality(name, featuresPerInstance + 1, true); }
}
