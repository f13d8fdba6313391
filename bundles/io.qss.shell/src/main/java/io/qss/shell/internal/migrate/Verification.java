// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatDecoder;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.StreamEntry;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.SyncService;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --verify}: counts, per device, the distinct files and the points the source holds (decoding every file,
 * as the migration does) and what qss holds (spooled files sync knows, points in the device's streams), and tells
 * whether they agree. qss may hold more files than the source when devices sent new ones since. Stateless.
 */
final class Verification {

    /**
     * The comparison.
     *
     * @param text one line per device and a verdict
     * @param isMatching whether every configured device of the source has its files and exactly its points in qss
     *     (files of serials qss does not configure are kept in the spool, as the migration reports)
     */
    record Result(String text, boolean isMatching) {}

    private Verification() {}

    static Result run(MigrationSource source, DeviceRegistry registry, SyncService sync, TimeSeriesStore store)
            throws MigrationException {
        Map<String, DeviceTally> counted = count(source, DatCodecs.decoder());
        Map<String, DeviceSyncStatus> status = new TreeMap<>();
        sync.status().forEach(s -> status.put(s.serial(), s));
        StringBuilder out = new StringBuilder(String.format(
                "%-16s %-10s %12s %12s %16s %16s  %s%n",
                "alias", "serial", "source files", "qss files", "source points", "qss points", "verdict"));
        boolean isMatching = true;
        for (DeviceTally t : counted.values()) {
            Optional<RegisteredDevice> d = registry.bySerial(t.serial());
            DeviceSyncStatus s = status.get(t.serial());
            long qssFiles = s == null ? 0 : (long) s.synced() + s.failed() + s.pending();
            long qssPoints = d.isPresent() ? points(registry, store, d.get()) : 0;
            long sourcePoints = t.points(d.map(RegisteredDevice::isExtended).orElse(false));
            String verdict = d.isEmpty()
                    ? "not configured (files kept in the spool)"
                    : qssFiles < t.files() ? "files missing" : qssPoints != sourcePoints ? "points differ" : "ok";
            isMatching &= d.isEmpty() || verdict.equals("ok");
            out.append(String.format(
                    "%-16s %-10s %12d %12d %16d %16d  %s%n",
                    d.map(RegisteredDevice::alias).orElse("-"),
                    t.serial(),
                    t.files(),
                    qssFiles,
                    sourcePoints,
                    qssPoints,
                    verdict));
        }
        out.append(
                isMatching
                        ? "verify: qss holds every file and point of the source\n"
                        : "verify: qss differs from the source (see the verdicts above; a device still syncing shows"
                                + " fewer points)\n");
        return new Result(out.toString(), isMatching);
    }

    /** The source's distinct files (first document of a device and path) per serial, decoded. */
    static Map<String, DeviceTally> count(MigrationSource source, DatDecoder decoder) throws MigrationException {
        Map<String, DeviceTally> out = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        source.forEachReceivedFile((file, problem) -> {
            if (file != null && seen.add(file.key())) {
                out.computeIfAbsent(file.serial(), DeviceTally::new)
                        .add(file.name(), decoder.decode(file.data(), file.name(), r -> {}));
            }
        });
        return out;
    }

    private static long points(DeviceRegistry registry, TimeSeriesStore store, RegisteredDevice d)
            throws MigrationException {
        long points = 0;
        for (StreamEntry s : registry.streams(d)) {
            try {
                if (store.stream(s.uuid()).isPresent()) {
                    points += store.count(s.uuid(), TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST);
                }
            } catch (StoreException e) {
                throw new MigrationException(
                        "counting points failed [path=" + s.path() + ", uuid=" + s.uuid() + "]", e);
            }
        }
        return points;
    }
}
