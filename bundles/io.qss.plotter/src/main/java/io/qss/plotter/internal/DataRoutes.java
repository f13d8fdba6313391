// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.store.api.RawPoint;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The calls that read the store: {@code GET /api/streams[/<uuid>]}, {@code GET /api/bracket}, {@code GET /api/data},
 * {@code GET /api/multi} and {@code GET /api/usage}. Each checks that the caller may read every stream it names.
 * Thread-safe.
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
            writeOctets(response, List.of(data.binaryColumns()));
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

    /**
     * The windows of several streams over one range in one binary answer (docs/plotter.md, "Several streams in one
     * answer"): a little-endian uint32 stream count, 4 zero bytes, then per stream, in the order asked, its
     * {@code /api/data?format=f64} answer. One request per zoom step instead of one per stream: the browser's own
     * handling of each request costs more than the store's answer. Every stream is checked before any is read.
     */
    void multi(Route.Call call) throws IOException, ApiException, StoreException {
        HttpServletRequest request = call.request();
        List<UUID> uuids = Params.uuids(request);
        long start = Params.time(request, "start");
        long end = Params.time(request, "end");
        int pw = Params.pointWidth(request, "pw");
        for (UUID uuid : uuids) {
            catalog.readable(call.caller(), uuid);
        }
        List<byte[]> parts = new ArrayList<>(uuids.size() + 1);
        parts.add(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(uuids.size())
                .putInt(0)
                .array());
        for (UUID uuid : uuids) {
            parts.add(DataWindows.query(store, uuid, start, end, pw, settings.maxWindowsPerQuery())
                    .binaryColumns());
        }
        writeOctets(call.response(), parts);
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

    /** Binary columns are answered whole or not at all: the length is known before the first byte goes out. */
    private static void writeOctets(HttpServletResponse response, List<byte[]> parts) throws IOException, ApiException {
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (length > Integer.MAX_VALUE) {
            throw ApiException.badRequest("answer too large; ask for fewer streams or zoom in [bytes=" + length + "]");
        }
        response.setContentType("application/octet-stream");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength((int) length);
        for (byte[] part : parts) {
            response.getOutputStream().write(part);
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
