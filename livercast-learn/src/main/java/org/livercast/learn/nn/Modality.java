package org.livercast.learn.nn;

/** One input of the fusion network: its name ("clinical", "report_text", "mri", "slide") and its vector width. */
public record Modality(String name, int width) {
    public Modality {
        if (width <= 0) throw new IllegalArgumentException("modality " + name + " has width " + width);
    }
}
