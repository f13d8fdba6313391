// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.StreamEntry;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a device's streams in the store, or brings their collection, tags and annotations up to date: for a uPMU
 * collection {@code upmu/<alias>} (or the one its upmuconfig.ini paths name), tags {@code name} and {@code unit},
 * annotations {@code serial}, {@code ip}, {@code alias} plus the collective metadata; devices of other types use
 * {@link #upsert} directly. Stateless.
 */
final class StreamMetadata {

    private StreamMetadata() {}

    /** {@code Metadata/Instrument/SerialNumber} becomes {@code metadata.instrument.serialnumber}. */
    static String annotationKey(String metadataKey) {
        String key = metadataKey.toLowerCase(Locale.ROOT).replace('/', '.').replaceAll("[^a-z0-9_.]", "_");
        key = key.isEmpty() || !Character.isLetter(key.charAt(0)) ? "m" + key : key;
        return key.length() > 63 ? key.substring(0, 63) : key;
    }

    static void apply(TimeSeriesStore store, RegisteredDevice device, List<StreamEntry> streams)
            throws RegistryException {
        Map<String, String> annotations = new HashMap<>();
        device.metadata().forEach((k, v) -> annotations.put(annotationKey(k), v));
        annotations.put(StoredStreams.SERIAL, device.serial());
        annotations.put(StoredStreams.IP, device.ip());
        annotations.put("alias", device.alias());
        for (StreamEntry s : streams) {
            upsert(store, s, device.collection(), annotations);
        }
    }

    /**
     * Creates stream {@code s} in {@code collection} with tags {@code name} and {@code unit} and {@code annotations},
     * or moves it there and brings its tags and annotations up to date (annotations it has beyond these are removed).
     * A stream without unit (e.g. a status word) gets no {@code unit} tag: the store keeps no empty tag values.
     */
    static void upsert(TimeSeriesStore store, StreamEntry s, String collection, Map<String, String> annotations)
            throws RegistryException {
        Map<String, String> tags =
                s.unit().isEmpty() ? Map.of("name", s.name()) : Map.of("name", s.name(), "unit", s.unit());
        try {
            Optional<StreamInfo> existing = store.stream(s.uuid());
            if (existing.isEmpty()) {
                store.create(s.uuid(), collection, tags, annotations);
                return;
            }
            StreamInfo info = existing.get();
            long version = info.propertyVersion();
            if (!info.collection().equals(collection) || !info.tags().equals(tags)) {
                Set<String> removals = tags.containsKey("unit") ? Set.of() : Set.of("unit");
                version = store.setTags(s.uuid(), version, collection, tags, removals);
            }
            if (!info.annotations().equals(annotations)) {
                Set<String> removals = new HashSet<>(info.annotations().keySet());
                removals.removeAll(annotations.keySet());
                store.setAnnotations(s.uuid(), version, annotations, removals);
            }
        } catch (StoreException e) {
            throw new RegistryException(
                    "updating stream metadata failed [path=" + s.path() + ", uuid=" + s.uuid() + "]", e);
        }
    }
}
