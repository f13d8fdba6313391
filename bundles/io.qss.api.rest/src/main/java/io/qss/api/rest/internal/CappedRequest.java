// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

/**
 * A request whose body fails to read past a limit. The failure is an {@link IOException} (the body parsers turn
 * those into 400), so {@link #isExceeded} tells the servlet to answer 413 instead. One per request.
 */
final class CappedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream body;
    private volatile boolean isExceeded;

    CappedRequest(HttpServletRequest request, long maxBytes) {
        super(request);
        this.maxBytes = maxBytes;
    }

    /** True when {@code request} is a capped request whose body went past its limit. */
    static boolean isExceeded(ServletRequest request) {
        return request instanceof CappedRequest capped && capped.isExceeded;
    }

    /** 413 when the request declares a body longer than its limit; nothing of the body is read. */
    static void checkDeclaredLength(HttpServletRequest request) throws RestException {
        long limit = limitOf(request);
        if (request.getContentLengthLong() > limit) {
            throw new RestException(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
        }
    }

    /** The 413 text: what failed and the limit. */
    static String tooLarge(long maxBytes) {
        return "request body too large [maxBodyBytes=" + maxBytes + "]";
    }

    /** The limit of the request when it is capped, else {@link Long#MAX_VALUE}. */
    static long limitOf(ServletRequest request) {
        return request instanceof CappedRequest capped ? capped.maxBytes : Long.MAX_VALUE;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Counting(super.getInputStream());
        }
        return body;
    }

    private final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                isExceeded = true;
                throw new IOException(tooLarge(maxBytes));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
