// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Everything outside {@code /api/}: the page ({@code /}, {@code /index.html}), its files under {@code /web/} and the
 * icon, with ETags, gzip when the browser takes it, and headers that keep the page to its own scripts. Thread-safe.
 */
final class PageRoute {

    private final StaticFiles files;

    PageRoute(StaticFiles files) {
        this.files = files;
    }

    /**
     * A file asked for by the version the page links (its content can never change under that address) may be kept
     * for good; the page itself and unversioned addresses are checked each time.
     */
    private static String cacheControl(String file, StaticFiles.StaticFile found, String askedVersion) {
        if (found.version().equals(askedVersion)) {
            return "public, max-age=31536000, immutable";
        }
        return file.startsWith("uplot/") ? "public, max-age=86400" : "no-cache";
    }

    void serve(HttpServletRequest request, HttpServletResponse response, String path) throws IOException, ApiException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            throw new ApiException(405, "method not allowed [method=" + request.getMethod() + ", path=" + path + "]");
        }
        // browsers that ignore the page's icon link ask for /favicon.ico; the SVG is what there is
        String file = path.equals("/") || path.isEmpty() || path.equals("/index.html")
                ? "index.html"
                : path.equals("/favicon.ico")
                        ? "favicon.svg"
                        : path.startsWith("/web/") ? path.substring("/web/".length()) : null;
        StaticFiles.StaticFile found = file == null ? null : files.file(file).orElse(null);
        if (found == null) {
            throw ApiException.notFound("no such page [path=" + path + "]");
        }
        response.setContentType(found.contentType());
        response.setHeader("ETag", found.etag());
        response.setHeader("Cache-Control", cacheControl(file, found, request.getParameter("v")));
        response.setHeader("X-Content-Type-Options", "nosniff");
        // the page loads only its own scripts and styles and talks only to this server
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; "
                        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        if (found.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        byte[] body = found.bytes();
        if (found.gzipped() != null && JsonOut.acceptsGzip(request)) {
            response.setHeader("Content-Encoding", "gzip");
            response.addHeader("Vary", "Accept-Encoding");
            body = found.gzipped();
        }
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
