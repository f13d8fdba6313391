// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.query.GoFormat;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /q/nearest/{uuid}?time=<ns>[&backwards=x]}: the first point at or after {@code time}, or with any
 * non-empty {@code backwards} the last point before it, at the latest version, as text {@code [<time>, <value>]}.
 */
final class NearestServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    NearestServlet(RestApi api) {
        super(api, false);
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        UUID uuid = TimeUnits.uuid(lastSegment(request));
        long time = TimeUnits.time(request.getParameter("time"), "start");
        String backwards = request.getParameter("backwards");
        if (api.readable(caller, uuid).isEmpty()) {
            throw RestException.badRequest("Bad query: No such stream");
        }
        Optional<RawPoint> point =
                api.store().nearest(uuid, time, backwards != null && !backwards.isEmpty(), Version.LATEST);
        if (point.isEmpty()) {
            throw RestException.badRequest("Bad query: No such point");
        }
        sendText(
                response,
                HttpServletResponse.SC_OK,
                "[" + point.get().time() + ", " + GoFormat.fixed6(point.get().value()) + "]");
    }
}
