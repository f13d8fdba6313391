// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.auth.Caller;
import io.qss.query.GoFormat;
import io.qss.store.api.StatConsumer;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /data/uuid/{uuid}}: raw points ({@code Readings}), aligned windows ({@code pw}) or exact windows
 * ({@code win}) as BTrDB 3.x JSON. The answer streams as the store hands over chunks; a raw answer never sits in
 * memory whole.
 */
final class DataServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    DataServlet(RestApi api) {
        super(api, false);
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        RangeParams range = RangeParams.of(request);
        int pw = RangeParams.pointWidth(request.getParameter("pw"));
        String win = request.getParameter("win");
        if (pw >= 0 && win != null) {
            throw RestException.badRequest("cannot have pointwidth and window");
        }
        long width = win == null ? 0 : windowWidth(win);
        if ((pw >= 0 || win != null) && range.divisor() != 1) {
            throw RestException.badRequest("statistical results require unitoftime=ns");
        }
        StreamInfo stream = api.readable(caller, range.uuid())
                .orElseThrow(() -> RestException.badRequest("query error: No such stream"));
        if (pw >= 0) {
            api.checkRows(Rows.aligned(api.store(), range, pw), "windows");
        } else if (win != null) {
            api.checkRows(Rows.windows(range, width), "windows");
        } else {
            api.checkRows(api.store().count(range.uuid(), range.start(), range.end(), range.version()), "points");
        }
        response.setContentType(TEXT);
        try (JsonGenerator json = JSON.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringField("uuid", stream.uuid().toString());
            long version = pw >= 0 || win != null ? statistical(json, range, pw, width) : raw(json, range);
            json.writeNumberField("version", version);
            if (pw < 0 && win == null) {
                json.writeObjectFieldStart("Properties");
                json.writeStringField("UnitofTime", range.unit());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeRaw('\n');
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long windowWidth(String text) throws RestException {
        try {
            long width = Long.parseLong(text);
            if (width < 1) {
                throw RestException.badRequest("bad window: must be at least 1 ns");
            }
            return width;
        } catch (NumberFormatException e) {
            throw RestException.badRequest("bad window: malformed");
        }
    }

    private long raw(JsonGenerator json, RangeParams range) throws StoreException, IOException {
        json.writeArrayFieldStart("Readings");
        long divisor = range.divisor();
        long version = api.store()
                .rawValues(range.uuid(), range.start(), range.end(), range.version(), (times, values, from, to) -> {
                    try {
                        for (int i = from; i < to; i++) {
                            json.writeStartArray();
                            json.writeNumber(times[i] / divisor);
                            json.writeNumber(GoFormat.json(values[i]));
                            json.writeEndArray();
                        }
                        return true;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        json.writeEndArray();
        return version;
    }

    private long statistical(JsonGenerator json, RangeParams range, int pw, long width)
            throws StoreException, IOException {
        json.writeArrayFieldStart("XReadings");
        StatConsumer row = (time, min, mean, max, count) -> {
            try {
                json.writeStartArray();
                json.writeNumber(time / 1_000_000);
                json.writeNumber(time % 1_000_000);
                json.writeNumber(GoFormat.json(min));
                json.writeNumber(GoFormat.json(mean));
                json.writeNumber(GoFormat.json(max));
                json.writeNumber(count);
                json.writeEndArray();
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        long version = pw >= 0
                ? api.store().alignedWindows(range.uuid(), range.start(), range.end(), pw, range.version(), row)
                : api.store().windows(range.uuid(), range.start(), range.end(), width, 0, range.version(), row);
        json.writeEndArray();
        return version;
    }
}
