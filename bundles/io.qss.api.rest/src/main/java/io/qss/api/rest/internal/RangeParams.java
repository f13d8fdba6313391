// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.util.UUID;
import javax.servlet.http.HttpServletRequest;

/**
 * The parameters shared by {@code /data/uuid} and {@code /csv/uuid}, checked in BTrDB 3.x order with its texts.
 *
 * @param uuid the stream
 * @param start start in ns, inclusive
 * @param end end in ns, exclusive
 * @param unit {@code unitoftime} as given (possibly empty)
 * @param divisor ns per unit
 * @param version {@code ver}, 0 = latest
 */
record RangeParams(UUID uuid, long start, long end, String unit, long divisor, long version) {

    static RangeParams of(HttpServletRequest request) throws RestException {
        UUID uuid = TimeUnits.uuid(ApiServlet.lastSegment(request));
        long start = TimeUnits.time(request.getParameter("starttime"), "start");
        long end = TimeUnits.time(request.getParameter("endtime"), "end");
        String unit = request.getParameter("unitoftime");
        long divisor = TimeUnits.divisor(unit);
        if (end <= start) {
            throw RestException.badRequest("end time <= start time");
        }
        long startNs = TimeUnits.scale(start, divisor, "start");
        long endNs = TimeUnits.scale(end, divisor, "end");
        long version = TimeUnits.version(request.getParameter("ver"));
        return new RangeParams(uuid, startNs, endNs, unit == null ? "" : unit, divisor, version);
    }

    /** An optional point width 0..62; -1 when absent. */
    static int pointWidth(String text) throws RestException {
        if (text == null) {
            return -1;
        }
        try {
            int pw = Integer.parseInt(text);
            if (pw < 0 || pw > 62) {
                throw RestException.badRequest("bad point width: must be between 0 and 62");
            }
            return pw;
        } catch (NumberFormatException e) {
            throw RestException.badRequest("bad point width: malformed");
        }
    }
}
