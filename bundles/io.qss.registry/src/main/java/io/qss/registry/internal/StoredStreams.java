// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.dat.UpmuConstants;
import io.qss.registry.RegistryException;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the store already holds for a device: uPMU streams carry their device's serial as annotation
 * {@code serial} (and {@code ip}) and live in collection {@code upmu/<alias>} or the one their upmuconfig.ini paths
 * name (see {@link StreamMetadata}), so a device's streams can be
 * found again after the registry forgot it. Stateless.
 */
final class StoredStreams {

    static final String SERIAL = "serial";
    static final String IP = "ip";
    private static final String NO_SERIAL = "(none)";

    private StoredStreams() {}

    /** The serial's streams, by stream name; where a name occurs twice, the one in {@code collection} wins. */
    static Map<String, UUID> uuidsOf(TimeSeriesStore store, String serial, String collection) {
        Map<String, UUID> out = new LinkedHashMap<>();
        ofSerial(store, serial).stream()
                .sorted(Comparator.comparing((StreamInfo s) -> !s.collection().equals(collection)))
                .forEach(s -> out.putIfAbsent(s.tags().getOrDefault("name", ""), s.uuid()));
        out.remove("");
        return out;
    }

    /**
     * Every uPMU stream the store holds for {@code serial}, in any collection: upmuconfig.ini paths may put a device
     * outside {@code upmu/} (e.g. {@code lbnl/uPMU1}), so uPMU streams are told by their {@code ip} annotation.
     */
    static List<StreamInfo> ofSerial(TimeSeriesStore store, String serial) {
        return store.lookup("", true, Map.of(), Map.of(SERIAL, serial)).stream()
                .filter(s -> s.collection().startsWith(UpmuConstants.TYPE_ID + "/")
                        || s.annotations().containsKey(IP))
                .toList();
    }

    /** The serials (or {@code (none)}) of streams in {@code collection}, other than {@code serial}, sorted. */
    static Set<String> otherSerialsIn(TimeSeriesStore store, String collection, String serial) {
        Set<String> out = new TreeSet<>();
        for (StreamInfo s : store.lookup(collection, false, Map.of(), Map.of())) {
            String owner = s.annotations().getOrDefault(SERIAL, NO_SERIAL);
            if (!owner.equals(serial)) {
                out.add(owner);
            }
        }
        return out;
    }

    /** The serial the store annotates stream {@code uuid} with, if the stream exists. */
    static Optional<String> serialOf(TimeSeriesStore store, UUID uuid) {
        return store.stream(uuid).map(s -> s.annotations().getOrDefault(SERIAL, NO_SERIAL));
    }

    /** Deletes the streams of {@code uuids} that exist, for good; {@code device} names their device in errors. */
    static void obliterate(TimeSeriesStore store, Collection<UUID> uuids, String device) throws RegistryException {
        for (UUID uuid : uuids) {
            try {
                if (store.stream(uuid).isPresent()) {
                    store.obliterate(uuid);
                }
            } catch (StoreException e) {
                throw new RegistryException("deleting device data failed [" + device + ", uuid=" + uuid + "]", e);
            }
        }
    }
}
