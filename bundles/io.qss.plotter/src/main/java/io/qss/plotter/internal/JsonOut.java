// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Starts JSON answers: content type, no caching, gzip (fastest level) when the client takes it. Stateless. */
final class JsonOut {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonOut() {}

    /** A generator writing the answer's body; the caller closes it, which completes the answer. */
    static JsonGenerator start(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        if (acceptsGzip(request)) {
            response.setHeader("Content-Encoding", "gzip");
            response.addHeader("Vary", "Accept-Encoding");
            out = new FastGzip(out);
        }
        return JSON.createGenerator(out, JsonEncoding.UTF8);
    }

    /** Writes {@code {"error": message}}. */
    static void error(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        try (JsonGenerator json = start(request, response, status)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        }
    }

    /** A number, or null when it is not finite (JSON has no NaN or infinity). */
    static void number(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    static boolean acceptsGzip(HttpServletRequest request) {
        String accepted = request.getHeader("Accept-Encoding");
        return accepted != null && accepted.contains("gzip");
    }

    /** Gzip at the fastest level: answers are made per request, so compression time is on the user's wait. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
