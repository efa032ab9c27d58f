package org.livercast.study.access;

/** A user asked for something their role or centre does not allow. */
public final class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) { super(message); }
}
