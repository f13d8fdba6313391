// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.store.api.RawPoint;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The calls that read the store: {@code GET /api/streams[/<uuid>]}, {@code GET /api/bracket}, {@code GET /api/data}
 * and {@code GET /api/usage}. Each checks that the caller may read every stream it names. Thread-safe.
 */
final class DataRoutes {

    static final String NOT_ACCEPTING = "No longer accepting new data";

    private final TimeSeriesStore store;
    private final StreamCatalog catalog;
    private final BooleanSupplier isAcceptingData;
    private final PlotterSettings settings;

    DataRoutes(
            TimeSeriesStore store, StreamCatalog catalog, BooleanSupplier isAcceptingData, PlotterSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.isAcceptingData = isAcceptingData;
        this.settings = settings;
    }

    void streams(Route.Call call) throws IOException, ApiException, StoreException {
        if (!call.rest().isEmpty()) {
            streamInfo(call.request(), call.response(), catalog.readable(call.caller(), Params.uuid(call.rest())));
            return;
        }
        try (JsonGenerator json = JsonOut.start(call.request(), call.response(), 200)) {
            json.writeStartArray();
            for (StreamCatalog.Entry entry : catalog.readable(call.caller())) {
                json.writeStartObject();
                json.writeStringField("uuid", entry.info().uuid().toString());
                json.writeStringField("path", entry.path());
                json.writeStringField("collection", entry.info().collection());
                json.writeStringField("name", entry.name());
                json.writeStringField("unit", entry.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private void streamInfo(HttpServletRequest request, HttpServletResponse response, StreamCatalog.Entry entry)
            throws IOException, StoreException {
        UUID uuid = entry.info().uuid();
        long version = store.version(uuid).major();
        Optional<RawPoint> first = store.earliest(uuid, Version.LATEST);
        Optional<RawPoint> last = store.latest(uuid, Version.LATEST);
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("uuid", uuid.toString());
            json.writeStringField("path", entry.path());
            json.writeStringField("collection", entry.info().collection());
            json.writeStringField("name", entry.name());
            json.writeStringField("unit", entry.unit());
            writeMap(json, "tags", entry.info().tags());
            writeMap(json, "annotations", entry.info().annotations());
            json.writeNumberField("version", version);
            writeTime(json, "first", first.map(RawPoint::time));
            writeTime(json, "last", last.map(RawPoint::time));
            json.writeEndObject();
        }
    }

    void bracket(Route.Call call) throws IOException, ApiException, StoreException {
        List<UUID> uuids = Params.uuids(call.request());
        for (UUID uuid : uuids) {
            catalog.readable(call.caller(), uuid);
        }
        long merged0 = Long.MAX_VALUE;
        long merged1 = Long.MIN_VALUE;
        try (JsonGenerator json = JsonOut.start(call.request(), call.response(), 200)) {
            json.writeStartObject();
            json.writeObjectFieldStart("streams");
            for (UUID uuid : uuids) {
                Optional<RawPoint> first = store.earliest(uuid, Version.LATEST);
                Optional<RawPoint> last = store.latest(uuid, Version.LATEST);
                json.writeFieldName(uuid.toString());
                if (first.isEmpty() || last.isEmpty()) {
                    json.writeNull();
                    continue;
                }
                merged0 = Math.min(merged0, first.get().time());
                merged1 = Math.max(merged1, last.get().time());
                json.writeStartObject();
                json.writeStringField("first", Long.toString(first.get().time()));
                json.writeStringField("last", Long.toString(last.get().time()));
                json.writeEndObject();
            }
            json.writeEndObject();
            boolean hasData = merged0 <= merged1;
            writeTime(json, "first", hasData ? Optional.of(merged0) : Optional.empty());
            writeTime(json, "last", hasData ? Optional.of(merged1) : Optional.empty());
            json.writeEndObject();
        }
    }

    void data(Route.Call call) throws IOException, ApiException, StoreException {
        HttpServletRequest request = call.request();
        HttpServletResponse response = call.response();
        UUID uuid = Params.uuid(Params.required(request, "uuid"));
        long start = Params.time(request, "start");
        long end = Params.time(request, "end");
        int pw = Params.pointWidth(request, "pw");
        boolean binary = Params.binaryColumns(request);
        catalog.readable(call.caller(), uuid);
        DataWindows data = DataWindows.query(store, uuid, start, end, pw, settings.maxWindowsPerQuery());
        if (binary) {
            byte[] body = data.binaryColumns();
            response.setContentType("application/octet-stream");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("uuid", uuid.toString());
            json.writeNumberField("pw", pw);
            json.writeStringField("start", Long.toString(data.start));
            json.writeStringField("end", Long.toString(data.end));
            json.writeArrayFieldStart("times");
            for (int i = 0; i < data.size; i++) {
                json.writeNumber(data.times[i] / 1e6);
            }
            json.writeEndArray();
            writeColumn(json, "min", data.min, data.size);
            writeColumn(json, "mean", data.mean, data.size);
            writeColumn(json, "max", data.max, data.size);
            json.writeArrayFieldStart("count");
            for (int i = 0; i < data.size; i++) {
                json.writeNumber(data.count[i]);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** The data volume's use and whether qss accepts new data (the receiver's disk guard). */
    void usage(Route.Call call) throws IOException {
        SpaceUsage usage = store.usage();
        long total = usage.volumeTotalBytes();
        long used = total - usage.volumeFreeBytes();
        boolean accepting = isAcceptingData.getAsBoolean();
        try (JsonGenerator json = JsonOut.start(call.request(), call.response(), 200)) {
            json.writeStartObject();
            json.writeNumberField("usedBytes", used);
            json.writeNumberField("totalBytes", total);
            json.writeNumberField("usedFraction", usage.volumeUsedFraction());
            json.writeStringField("text", UsageText.of(used, total));
            json.writeBooleanField("accepting", accepting);
            if (accepting) {
                json.writeNullField("notice");
            } else {
                json.writeStringField("notice", NOT_ACCEPTING);
            }
            json.writeEndObject();
        }
    }

    private static void writeColumn(JsonGenerator json, String name, double[] values, int size) throws IOException {
        json.writeArrayFieldStart(name);
        for (int i = 0; i < size; i++) {
            JsonOut.number(json, values[i]);
        }
        json.writeEndArray();
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** Times in answers are strings: JavaScript numbers cannot hold nanoseconds since 1970 exactly. */
    private static void writeTime(JsonGenerator json, String name, Optional<Long> time) throws IOException {
        if (time.isEmpty()) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, Long.toString(time.get()));
        }
    }
}
