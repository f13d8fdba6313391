// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.query.StoreErrorStatus;
import io.qss.store.api.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the 3.x endpoint servlets: one method (GET also answers HEAD; others get 405 with {@code Allow}), the
 * caller from {@code authorization: Bearer <key>} (anonymous without it), and the one mapping of failures to HTTP
 * statuses with plain-text bodies. A write endpoint refuses a caller who cannot write before it reads the body, and
 * closes the connection rather than read it. Answers never carry internal exception text: a failure of the server
 * itself (500) says so with a reference that the log line of its cause carries too.
 */
abstract class ApiServlet extends HttpServlet {

    static final String TEXT = "text/plain; charset=utf-8";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    protected final transient RestApi api;
    private final boolean isPost;

    ApiServlet(RestApi api, boolean isPost) {
        this.api = api;
        this.isPost = isPost;
    }

    /** True for endpoints that write: their caller is checked before the body is read. */
    protected boolean isWrite() {
        return false;
    }

    /** Serves one request; may write the response before it fails only if it handles such failures itself. */
    protected abstract void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        boolean isAllowed = isPost ? "POST".equals(method) : "GET".equals(method) || "HEAD".equals(method);
        if (!isAllowed) {
            response.setHeader("Allow", isPost ? "POST" : "GET, HEAD");
            sendText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response);
    }

    private void run(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Caller caller = caller(request);
            if (isWrite()) {
                checkMayWriteAtAll(caller);
            }
            CappedRequest.checkDeclaredLength(request);
            serve(request, response, caller);
        } catch (RestException e) {
            fail(request, response, e.status(), e.getMessage(), e);
        } catch (StoreException e) {
            fail(
                    request,
                    response,
                    StoreErrorStatus.of(e.code()),
                    StoreErrorStatus.isServerFault(e.code())
                            ? internalError(request, e)
                            : "query error: " + e.getMessage(),
                    e);
        } catch (BadMessageException e) {
            // the container's word on a request it cannot read (a form body over its limit): the client's fault
            discardRestOfBody(request);
            fail(
                    request,
                    response,
                    e.getCode(),
                    e.getReason() == null ? HttpStatus.getMessage(e.getCode()) : e.getReason(),
                    e);
        } catch (RuntimeException e) {
            fail(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, internalError(request, e), e);
        }
    }

    /**
     * Reads what the container left of a body it refused (at most the declared length, which {@link CappedRequest}
     * bounds): closing with unread bytes makes the kernel reset the connection, and the client may lose the answer.
     */
    private static void discardRestOfBody(HttpServletRequest request) {
        try {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            LOG.debug(
                    "the rest of a refused body could not be read [path={}, cause={}]",
                    request.getRequestURI(),
                    e.toString());
        }
    }

    /** 401 for anonymous callers and 403 for keys without write access, known from the headers alone. */
    private void checkMayWriteAtAll(Caller caller) throws RestException {
        if (caller.equals(api.access().anonymous())) {
            throw new RestException(HttpServletResponse.SC_UNAUTHORIZED, "writing needs an API key with write access");
        }
        if (!caller.isWriter()) {
            throw new RestException(HttpServletResponse.SC_FORBIDDEN, "this API key may not write");
        }
    }

    /** The body of a 500: no internal text, only a reference to the log line that has it. */
    static String internalError(HttpServletRequest request, Exception e) {
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        LOG.error(
                "REST request failed [ref={}, method={}, path={}]",
                ref,
                request.getMethod(),
                request.getRequestURI(),
                e);
        return "internal server error; see the server log [ref=" + ref + "]";
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, int status, String message, Exception e)
            throws IOException {
        if (CappedRequest.isExceeded(request)) {
            status = HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
            message = CappedRequest.tooLarge(CappedRequest.limitOf(request));
        }
        if (response.isCommitted()) {
            // The answer is half sent; abort the connection so the client sees a failure, not a short answer.
            LOG.warn("request failed after its answer started [status={}, error={}]", status, message, e);
            throw new IOException("request failed after its answer started", e);
        }
        response.reset();
        if (isRefusedUnread(status)) {
            refuseUnread(response, status, message);
        } else {
            sendText(response, status, message);
        }
    }

    /** Refusals that may come before (or in the middle of) the body: the rest of the body is not worth reading. */
    private static boolean isRefusedUnread(int status) {
        return status == HttpServletResponse.SC_UNAUTHORIZED
                || status == HttpServletResponse.SC_FORBIDDEN
                || status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
    }

    /**
     * Answers and closes the connection after the answer, so the container does not read (or wait for) the rest of
     * the request body first.
     */
    static void refuseUnread(HttpServletResponse response, int status, String text) throws IOException {
        response.setHeader("Connection", "close");
        sendText(response, status, text);
    }

    private Caller caller(HttpServletRequest request) throws RestException {
        String header = request.getHeader("authorization");
        if (header == null || header.isBlank()) {
            return api.access().anonymous();
        }
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : "";
        Optional<Caller> caller = api.access().apiKey(key);
        if (caller.isEmpty()) {
            throw new RestException(HttpServletResponse.SC_UNAUTHORIZED, "invalid API key");
        }
        return caller.get();
    }

    static void sendText(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType(TEXT);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The path segment after the servlet's prefix ({@code /data/uuid/<this>}). */
    static String lastSegment(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.length() < 2 ? "" : info.substring(1);
    }
}
