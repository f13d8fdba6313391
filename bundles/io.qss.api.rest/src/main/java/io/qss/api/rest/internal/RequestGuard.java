// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What every request of the listener passes first: {@code TRACE} (and {@code TRACK}) are refused with 405, since
 * echoing a request back would hand its credentials to a script that can send one; every body is capped
 * ({@link CappedRequest}: a declared length over the limit is refused before a byte is read, right after the
 * caller's credentials are checked; a chunked body fails as it passes the limit). Stateless.
 */
final class RequestGuard implements Filter {

    private final long maxBodyBytes;

    RequestGuard(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        String method = http.getMethod();
        if ("TRACE".equals(method) || "TRACK".equals(method)) {
            ApiServlet.sendText(answer, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
            return;
        }
        chain.doFilter(new CappedRequest(http, maxBodyBytes), response);
    }
}
