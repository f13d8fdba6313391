// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

/** A request the plotter refuses, with the HTTP status to answer and a message for the user. */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }
}
