package org.livercast.imaging.series;

/** A series that cannot be assembled into a volume; the message names the series, the files and the problem. */
public final class SeriesException extends RuntimeException {
    public SeriesException(String message) { super(message); }
}
