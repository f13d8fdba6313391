// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.Device;
import io.qss.registry.RegistryException;
import io.qss.registry.StreamEntry;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The store side of devices of types other than uPMU: their streams live in collection {@code <type>/<alias>} (or
 * {@code <type>/<alias>/<group>}) with tags {@code name} and {@code unit}, annotated with {@code type}, {@code id},
 * {@code alias} and the device's properties, so a device's streams can be found again after the catalog forgot it.
 * Stateless.
 */
final class CatalogStreams {

    static final String TYPE = "type";
    static final String ID = "id";
    static final String ALIAS = "alias";
    private static final String NO_ID = "(none)";

    private CatalogStreams() {}

    /**
     * The streams the store holds for device {@code id} of {@code type}, by key; where a key occurs twice (the device
     * had another alias), the one under {@code alias} wins.
     */
    static Map<String, StreamEntry> known(TimeSeriesStore store, String type, String id, String alias) {
        String home = type + "/" + alias;
        Map<String, StreamEntry> out = new LinkedHashMap<>();
        store.lookup(type + "/", true, Map.of(), Map.of(TYPE, type, ID, id)).stream()
                .sorted(Comparator.comparing((StreamInfo s) -> !isUnder(s.collection(), home)))
                .forEach(s -> {
                    String key = keyOf(s);
                    if (!key.isEmpty()) {
                        out.putIfAbsent(
                                key,
                                new StreamEntry(
                                        "/" + home + "/" + key,
                                        s.tags().get("name"),
                                        s.tags().getOrDefault("unit", ""),
                                        s.uuid()));
                    }
                });
        return out;
    }

    /** The ids (or {@code (none)}) of streams under {@code <type>/<alias>} of devices other than {@code id}. */
    static Set<String> otherIdsAt(TimeSeriesStore store, String type, String alias, String id) {
        String home = type + "/" + alias;
        Set<String> out = new TreeSet<>();
        for (StreamInfo s : store.lookup(home, true, Map.of(), Map.of())) {
            String owner = s.annotations().getOrDefault(ID, NO_ID);
            if (isUnder(s.collection(), home) && !owner.equals(id)) {
                out.add(owner);
            }
        }
        return out;
    }

    /** Creates the entry's streams in the store or brings their collection, tags and annotations up to date. */
    static void apply(TimeSeriesStore store, CatalogEntry entry) throws RegistryException {
        Map<String, String> annotations = annotations(entry.device());
        for (String key : entry.device().streamUuids().keySet()) {
            StreamMetadata.upsert(store, entry.stream(key), entry.collectionOf(key), annotations);
        }
    }

    /** Deletes every stream of the device: the entry's (may be null) and any the store annotates with its id. */
    static void delete(TimeSeriesStore store, CatalogEntry entry, String type, String id) throws RegistryException {
        Set<UUID> uuids = new LinkedHashSet<>();
        if (entry != null) {
            uuids.addAll(entry.device().streamUuids().values());
        }
        store.lookup(type + "/", true, Map.of(), Map.of(TYPE, type, ID, id)).forEach(s -> uuids.add(s.uuid()));
        StoredStreams.obliterate(store, uuids, "type=" + type + ", id=" + id);
    }

    /** The device's properties (keys made store-safe), then {@code type}, {@code id} and {@code alias}. */
    static Map<String, String> annotations(Device d) {
        Map<String, String> out = new HashMap<>();
        d.properties().forEach((k, v) -> out.put(StreamMetadata.annotationKey(k), v));
        out.put(TYPE, d.type());
        out.put(ID, d.id());
        out.put(ALIAS, d.alias());
        return out;
    }

    /** {@code name} or {@code group/name} from collection {@code <type>/<alias>[/<group>]} and tag {@code name}. */
    private static String keyOf(StreamInfo s) {
        String name = s.tags().getOrDefault("name", "");
        String[] parts = s.collection().split("/", 3);
        if (name.isEmpty() || parts.length < 2) {
            return "";
        }
        return parts.length == 3 ? parts[2] + "/" + name : name;
    }

    private static boolean isUnder(String collection, String home) {
        return collection.equals(home) || collection.startsWith(home + "/");
    }
}
