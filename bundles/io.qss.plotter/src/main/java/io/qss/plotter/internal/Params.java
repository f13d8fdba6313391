// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;

/** Query parameters read with errors that name the parameter and the value. Stateless. */
final class Params {

    private static final int MAX_STREAMS = 64;

    private Params() {}

    static String required(HttpServletRequest request, String name) throws ApiException {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing parameter [name=" + name + "]");
        }
        return value.trim();
    }

    /** A time in ns since the Unix epoch, as a decimal integer. */
    static long time(HttpServletRequest request, String name) throws ApiException {
        String value = required(request, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("not a time in nanoseconds [" + name + "=" + value + "]");
        }
    }

    static int pointWidth(HttpServletRequest request, String name) throws ApiException {
        String value = required(request, name);
        try {
            int pw = Integer.parseInt(value);
            if (pw >= 0 && pw <= 62) {
                return pw;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("point width must be an integer 0..62 [" + name + "=" + value + "]");
    }

    /**
     * Whether {@code /api/data} answers in binary columns ({@code format=f64}) rather than JSON ({@code format=json},
     * the default).
     */
    static boolean binaryColumns(HttpServletRequest request) throws ApiException {
        String value = request.getParameter("format");
        if (value == null || value.equals("json")) {
            return false;
        }
        if (value.equals("f64")) {
            return true;
        }
        throw ApiException.badRequest("unknown format; use json or f64 [format=" + value + "]");
    }

    static UUID uuid(String value) throws ApiException {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not a UUID [uuid=" + value + "]");
        }
    }

    /** Every {@code uuid} parameter, at least one. */
    static List<UUID> uuids(HttpServletRequest request) throws ApiException {
        String[] values = request.getParameterValues("uuid");
        if (values == null || values.length == 0) {
            throw ApiException.badRequest("missing parameter [name=uuid]");
        }
        if (values.length > MAX_STREAMS) {
            throw ApiException.badRequest(
                    "too many streams in one request [streams=" + values.length + ", max=" + MAX_STREAMS + "]");
        }
        List<UUID> uuids = new ArrayList<>(values.length);
        for (String value : values) {
            uuids.add(uuid(value.trim()));
        }
        return uuids;
    }
}
