// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.auth.AuthException;
import io.qss.query.StoreErrorStatus;
import io.qss.store.api.StoreException;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a plotter request into its JSON answer {@code {"error": ...}}. Store failures get the status
 * REST gives them ({@link StoreErrorStatus}); failures of the server are answered without their text, which may name
 * files, but with a reference to the log line that has it. Stateless.
 */
final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(PlotterServlet.class);

    private ErrorAnswers() {}

    /** Answers {@code failure} of the request for {@code path}. */
    static void answer(HttpServletRequest request, HttpServletResponse response, String path, Exception failure)
            throws IOException {
        if (failure instanceof ApiException e) {
            answer(request, response, e.status(), e.getMessage());
        } else if (failure instanceof StoreException e) {
            answer(request, response, StoreErrorStatus.of(e.code()), storeFailureText(path, e));
        } else if (failure instanceof AuthException e) {
            answer(request, response, 500, internalError("account change failed", path, e));
        } else {
            answer(request, response, 500, internalError("request failed", path, failure));
        }
    }

    /**
     * A store failure the user caused (a bad range) is answered with the store's words; one the store is busy with
     * asks to try again; the rest are failures of the server.
     */
    private static String storeFailureText(String path, StoreException e) {
        return switch (StoreErrorStatus.of(e.code())) {
            case StoreErrorStatus.SERVICE_UNAVAILABLE -> "the store is busy; try again shortly";
            case StoreErrorStatus.BAD_REQUEST -> "query refused [reason=" + e.getMessage() + "]";
            default -> internalError("query failed", path, e);
        };
    }

    /** Logs the failure with a reference and returns the answer's text: what failed and the reference, no more. */
    private static String internalError(String what, String path, Exception e) {
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        LOG.error("plotter {} [ref={}, path={}]", what, ref, path, e);
        return what + "; see the server log [ref=" + ref + "]";
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        if (response.isCommitted()) {
            // half an answer is out (a CSV export); closing the connection is all that is left to say it failed
            throw new IOException("plotter answer failed after it started [status=" + status + "]");
        }
        response.reset();
        if (status == 413) {
            response.setHeader("Connection", "close"); // the rest of the body is not worth reading
        }
        JsonOut.error(request, response, status, message);
    }
}
