package org.livercast.core.model;

import org.livercast.core.Checks;

/** One series of an imaging study: which phase it is and how many slices it holds. */
public record ImagingSeries(String seriesUid, Phase phase, String description, int sliceCount) {
    public ImagingSeries {
        Checks.required("series.phase", phase);
        if (sliceCount < 0) throw new org.livercast.core.InvalidValueException("series.slice_count", sliceCount, "must not be negative");
    }
}
