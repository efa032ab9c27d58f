package org.livercast.app.cli;

/**
 * Exit codes every subcommand shares, so scripts can tell a bad file from a down database:
 * 0 success, 1 unexpected failure, 2 bad usage (picocli), 3 input rejected (file, field and reason printed),
 * 4 database unavailable, 5 nothing found (unknown patient or protocol).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INPUT_REJECTED = 3;
    public static final int DATABASE = 4;
    public static final int NOT_FOUND = 5;
    /** The audit log's hash chain is broken. */
    public static final int TAMPERED = 6;

    private ExitCodes() {}
}
