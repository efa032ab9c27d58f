package org.livercast.app.web;

/** An error with its HTTP status: 401 without a session, 403 for another centre or role, 404, 400. */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    static HttpError unauthorized() { return new HttpError(401, "sign in first"); }

    static HttpError forbidden(String why) { return new HttpError(403, why); }

    static HttpError notFound(String what) { return new HttpError(404, what + " not found"); }
}
