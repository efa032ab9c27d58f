package org.livercast.app.cli;

/** A named patient or protocol does not exist. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) { super(message); }
}
