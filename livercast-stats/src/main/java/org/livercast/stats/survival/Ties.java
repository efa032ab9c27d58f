package org.livercast.stats.survival;

/** How a Cox model treats tied event times. */
public enum Ties {
    /** R's default: exact-ish correction averaging the tied deaths out of the risk set. */
    EFRON,
    /** Tied deaths all see the full risk set; what a simple Cox loss computes. */
    BRESLOW
}
