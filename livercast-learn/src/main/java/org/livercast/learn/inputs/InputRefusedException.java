package org.livercast.learn.inputs;

import java.io.IOException;

/** An input that must not enter a model (wrong moment, identifying text); the message names the file and reason. */
public final class InputRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public InputRefusedException(String message) { super(message); }
}
