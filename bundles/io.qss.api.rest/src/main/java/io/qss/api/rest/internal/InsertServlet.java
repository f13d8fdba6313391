// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /data/add/{subkey}} ({@code {"uuid": ..., "Readings": [[ns, value], ...]}}) and
 * {@code POST /data/legacyadd/{subkey}} (sMAP: path to {@code {uuid, Readings, Properties: {UnitofTime}}}, times
 * in seconds unless the unit says otherwise). The subkey is ignored; writing needs an API key with write access to
 * the stream's path. An unknown UUID creates the stream: under the sMAP path for legacy inserts, else in the
 * configured insert collection named by its UUID. Duplicates are kept, as in 3.x.
 */
final class InsertServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final boolean isLegacy;

    InsertServlet(RestApi api, boolean isLegacy) {
        super(api, true);
        this.isLegacy = isLegacy;
    }

    @Override
    protected boolean isWrite() {
        return true;
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        long began = System.nanoTime();
        if (!isLegacy) {
            AddParser add = AddParser.parse(request.getInputStream());
            write(caller, add.uuid(), null, add.times, add.values, add.size);
            sendText(
                    response,
                    HttpServletResponse.SC_OK,
                    "OK " + add.readings + " records, " + millisSince(began) + " ms\n");
            return;
        }
        Map<?, ?> body;
        try {
            body = JsonBody.parse(request.getInputStream()) instanceof Map<?, ?> map ? map : null;
        } catch (IOException e) {
            body = null; // answered below, or with 413 when the body went past the listener's limit
        }
        if (body == null) {
            throw RestException.badRequest("malformed quasar HTTP insert");
        }
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            legacyEntry(caller, String.valueOf(entry.getKey()), entry.getValue());
        }
        sendText(response, HttpServletResponse.SC_OK, "OK " + millisSince(began) + " ms\n");
    }

    private void legacyEntry(Caller caller, String path, Object entry) throws RestException, StoreException {
        if (!(entry instanceof Map<?, ?> stream)) {
            throw RestException.badRequest("malformed quasar HTTP insert");
        }
        Object uuidText = JsonBody.field(stream, "uuid");
        if (uuidText == null || "".equals(uuidText)) {
            return;
        }
        UUID uuid = TimeUnits.uuid(uuidText instanceof String s ? s : "");
        Object properties = JsonBody.field(stream, "Properties");
        Object unit = properties instanceof Map<?, ?> p ? JsonBody.field(p, "UnitofTime") : null;
        long multiplier =
                "ns".equals(unit) ? 1 : "us".equals(unit) ? 1_000 : "ms".equals(unit) ? 1_000_000 : 1_000_000_000L;
        Readings points = Readings.parse(JsonBody.field(stream, "Readings"), multiplier);
        write(caller, uuid, path, points.times, points.values, points.size);
    }

    private void write(Caller caller, UUID uuid, String smapPath, long[] times, double[] values, int size)
            throws RestException, StoreException {
        Optional<StreamInfo> existing = api.store().stream(uuid);
        String[] place = existing.isPresent() ? null : newPlace(uuid, smapPath);
        String path = existing.map(RestApi::path).orElseGet(() -> "/" + place[0] + "/" + place[1]);
        if (!api.access().mayWrite(caller, path)) {
            throw new RestException(HttpServletResponse.SC_FORBIDDEN, "not allowed to write [uuid=" + uuid + "]");
        }
        if (existing.isEmpty()) {
            create(uuid, place[0], place[1]);
        }
        if (size > 0) {
            api.store().insert(uuid, times, values, 0, size, MergePolicy.NEVER);
        }
    }

    private void create(UUID uuid, String collection, String name) throws StoreException {
        try {
            api.store().create(uuid, collection, Map.of("name", name), Map.of());
        } catch (StoreException e) {
            if (e.code() != ErrorCode.STREAM_EXISTS) {
                throw e;
            }
        }
    }

    /** Collection and name of a stream an insert creates. */
    private String[] newPlace(UUID uuid, String smapPath) {
        String path = smapPath == null ? "" : smapPath.replaceAll("^/+|/+$", "");
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return new String[] {api.insertCollection(), path.isEmpty() ? uuid.toString() : path};
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    private static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }
}
