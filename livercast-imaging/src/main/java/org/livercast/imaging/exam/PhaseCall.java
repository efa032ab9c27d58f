package org.livercast.imaging.exam;

import org.livercast.core.model.Phase;

/**
 * The phase of a series and why LiverCast says so. {@code source} is MAPPING (the centre's file), DESCRIPTION
 * (series description / protocol name keywords), TIMING (acquisition − contrast injection), ATTRIBUTE (b-value,
 * image type) or NONE — with {@link Phase#UNKNOWN}, never a guess.
 */
public record PhaseCall(Phase phase, Source source, String evidence) {
    public enum Source { MAPPING, DESCRIPTION, ATTRIBUTE, TIMING, NONE }

    public static PhaseCall unknown(String why) { return new PhaseCall(Phase.UNKNOWN, Source.NONE, why); }
}
