// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import javax.servlet.http.HttpServletResponse;

/** A request that cannot be answered; {@link #getMessage()} is the plain-text body sent with {@link #status()}. */
final class RestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    RestException(int status, String message) {
        super(message);
        this.status = status;
    }

    RestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** 400 with the BTrDB 3.x error text. */
    static RestException badRequest(String message) {
        return new RestException(HttpServletResponse.SC_BAD_REQUEST, message);
    }

    int status() {
        return status;
    }
}
