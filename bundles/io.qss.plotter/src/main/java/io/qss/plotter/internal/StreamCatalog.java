// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The streams a caller may read, by access-control path. Stateless; thread-safe. */
final class StreamCatalog {

    /**
     * One plottable stream.
     *
     * @param info the store's metadata
     * @param path {@code /collection/name}, the path access control decides on
     */
    record Entry(StreamInfo info, String path) {

        String unit() {
            return info.tags().getOrDefault("unit", "");
        }

        String name() {
            return info.tags().getOrDefault("name", info.uuid().toString());
        }
    }

    private final TimeSeriesStore store;
    private final AccessControl access;

    StreamCatalog(TimeSeriesStore store, AccessControl access) {
        this.store = store;
        this.access = access;
    }

    /** Every stream {@code caller} may read, sorted by path. */
    List<Entry> readable(Caller caller) {
        List<Entry> entries = new ArrayList<>();
        for (StreamInfo info : store.lookup("", true, Map.of(), Map.of())) {
            Entry entry = entry(info);
            if (access.mayRead(caller, entry.path())) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    /** The stream {@code uuid} if it exists and {@code caller} may read it; otherwise the refusal to answer. */
    Entry readable(Caller caller, UUID uuid) throws ApiException {
        StreamInfo info =
                store.stream(uuid).orElseThrow(() -> ApiException.notFound("no such stream [uuid=" + uuid + "]"));
        Entry entry = entry(info);
        if (!access.mayRead(caller, entry.path())) {
            // the same answer as for a missing stream would hide existence, but the UI needs to say why
            throw ApiException.forbidden("stream not readable with your tags [uuid=" + uuid + "]");
        }
        return entry;
    }

    private static Entry entry(StreamInfo info) {
        return new Entry(info, AccessControl.streamPath(info.collection(), info.tags(), info.uuid()));
    }
}
