// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /q/bracket} with {@code {"UUIDS": [...]}}: each stream's first and last point time, and the range over
 * all, as {@code {"Brackets":[[first,last],...],"Merged":[min,max]}}; a stream that does not exist (or that the
 * caller may not read) gets {@code [-1,-1]}.
 */
final class BracketServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    BracketServlet(RestApi api) {
        super(api, true);
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        List<UUID> uuids = uuids(request);
        if (uuids.isEmpty()) {
            throw RestException.badRequest("no uuids");
        }
        StringBuilder brackets = new StringBuilder();
        long merged0 = Long.MAX_VALUE;
        long merged1 = Long.MIN_VALUE;
        boolean anyExists = false;
        for (UUID uuid : uuids) {
            long first = -1;
            long last = -1;
            if (api.readable(caller, uuid).isPresent()) {
                anyExists = true;
                first = point(api.store().nearest(uuid, TimeSeriesStore.MIN_TIME + 1, false, Version.LATEST));
                last = point(api.store().nearest(uuid, TimeSeriesStore.MAX_TIME - 1, true, Version.LATEST));
                merged0 = Math.min(merged0, first);
                merged1 = Math.max(merged1, last);
            }
            brackets.append(brackets.length() == 0 ? "" : ",")
                    .append('[')
                    .append(first)
                    .append(',')
                    .append(last)
                    .append(']');
        }
        if (!anyExists) {
            throw RestException.badRequest("Bad query: none of those streams exist");
        }
        sendText(
                response,
                HttpServletResponse.SC_OK,
                "{\"Brackets\":[" + brackets + "],\"Merged\":[" + merged0 + "," + merged1 + "]}\n");
    }

    private static long point(Optional<RawPoint> point) throws RestException {
        return point.orElseThrow(() -> RestException.badRequest("Bad query: No such point"))
                .time();
    }

    private static List<UUID> uuids(HttpServletRequest request) throws RestException, IOException {
        Object body;
        try {
            body = JsonBody.parse(request.getInputStream());
        } catch (IOException e) {
            throw RestException.badRequest("bad request");
        }
        Object list = body instanceof Map<?, ?> map ? JsonBody.field(map, "UUIDS") : null;
        List<UUID> uuids = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                uuids.add(TimeUnits.uuid(item instanceof String s ? s : ""));
            }
        }
        return uuids;
    }
}
