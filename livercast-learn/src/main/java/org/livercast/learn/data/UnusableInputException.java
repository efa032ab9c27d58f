package org.livercast.learn.data;

import java.io.IOException;

/**
 * A file or folder given to the models that they cannot use — a cohort export without centres, a held-out centre it
 * lacks, a model folder with a damaged or foreign model, a tile encoder that is not one, a mask that does not fit its
 * scan — as opposed to the machine failing. The message names the path and the reason; the command line reports it as
 * rejected input (exit 3), without a stack trace, because the user can fix it.
 */
public final class UnusableInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnusableInputException(String message) { super(message); }

    public UnusableInputException(String message, Throwable cause) { super(message, cause); }
}
