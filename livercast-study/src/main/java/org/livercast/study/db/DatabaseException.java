package org.livercast.study.db;

/** The store cannot be reached or started; the message says where and why. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
