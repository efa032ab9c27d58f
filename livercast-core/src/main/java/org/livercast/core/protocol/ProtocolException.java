package org.livercast.core.protocol;

/** A protocol file that cannot be used; the message names the file, the element and the reason. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String source, String element, String reason) {
        super(source + ": " + element + ": " + reason);
    }

    public ProtocolException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
    }
}
