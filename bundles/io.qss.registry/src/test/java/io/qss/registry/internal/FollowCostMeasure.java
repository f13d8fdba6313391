// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.dat.DatStream;
import io.qss.registry.RegisteredDevice;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures by hand what following MongoDB costs a node with many saved uPMUs: a reading whose marker is unchanged (the
 * usual period), one whose marker changed and that adopts a device changed by another node, a full reading (due every
 * {@code follow.fullSeconds}) that finds nothing changed, and the comparison alone (the part done under the
 * registry's lock), on two equal copies of the devices read separately. Prints the figures, asserts nothing; runs only
 * with {@code -Dqss.measure.follow=<devices>}, e.g. {@code -Dtest=FollowCostMeasure -Dqss.measure.follow=1000}.
 */
class FollowCostMeasure {

    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "qss.measure.follow", matches = "[0-9]+")
    void measureFollowingWithManyDevices() throws Exception {
        int count = Integer.getInteger("qss.measure.follow");
        MongoServer server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
                TimeSeriesStoreImpl store =
                        TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults())) {
            ChangeMarker marker = new ChangeMarker(client);
            MongoDeviceStore documents = new MongoDeviceStore(client, marker);
            List<RegisteredDevice> devices = devices(count);
            documents.write(devices, List.of());
            AtomicLong clock = new AtomicLong();
            DeviceRegistryImpl registry = new DeviceRegistryImpl(
                    documents, store, new FollowGate(marker::read, Duration.ofSeconds(60), clock::get));
            registry.load();
            DeviceCatalogImpl catalog =
                    new DeviceCatalogImpl(registry, new MongoCatalogStore(client), store, new DeviceTypes());
            catalog.load();

            registry.follow();

            long[] unchanged = new long[ROUNDS];
            long[] changed = new long[ROUNDS];
            long[] full = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                if (registry.follow() != FollowedChanges.NONE) {
                    throw new IllegalStateException("expected no change with the marker unchanged");
                }
                unchanged[i] = System.nanoTime() - t0;
                RegisteredDevice d = devices.get(i % count);
                documents.write(List.of(d.withGeneration(d.generation() + 1 + i)), List.of());
                long t1 = System.nanoTime();
                FollowedChanges c = registry.follow();
                changed[i] = System.nanoTime() - t1;
                if (c.changed().size() != 1) {
                    throw new IllegalStateException("expected one changed device [changes=" + c + "]");
                }
                clock.addAndGet(Duration.ofSeconds(61).toNanos());
                long t2 = System.nanoTime();
                registry.follow();
                full[i] = System.nanoTime() - t2;
            }
            long[] compared = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                Map<String, RegisteredDevice> before = keyed(documents.load());
                Map<String, RegisteredDevice> now = keyed(documents.load());
                Map<String, RegisteredDevice> pending = new LinkedHashMap<>(before);
                long t0 = System.nanoTime();
                FollowedChanges.adopt(before, now, pending);
                compared[i] = System.nanoTime() - t0;
            }
            System.out.printf(
                    "FollowCostMeasure: %d uPMUs, %d rounds: marker unchanged median %.2f ms (min %.2f, max %.2f);"
                            + " marker changed, one device changed median %.1f ms (min %.1f, max %.1f); full reading,"
                            + " nothing changed median %.1f ms (min %.1f, max %.1f); comparison alone median %.2f"
                            + " ms (min %.2f, max %.2f)%n",
                    count,
                    ROUNDS,
                    median(unchanged),
                    min(unchanged),
                    max(unchanged),
                    median(changed),
                    min(changed),
                    max(changed),
                    median(full),
                    min(full),
                    max(full),
                    median(compared),
                    min(compared),
                    max(compared));
        } finally {
            server.shutdownNow();
        }
    }

    private static List<RegisteredDevice> devices(int count) {
        List<RegisteredDevice> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, UUID> uuids = new LinkedHashMap<>();
            DatStream.streams(true).forEach(s -> uuids.put(s.streamName(), UUID.randomUUID()));
            out.add(new RegisteredDevice(
                    "10.1." + i / 250 + "." + i % 250, "P" + (3_000_000 + i), "pmu" + i, true, 1, uuids, Map.of()));
        }
        return out;
    }

    private static Map<String, RegisteredDevice> keyed(List<RegisteredDevice> devices) {
        Map<String, RegisteredDevice> keyed = new LinkedHashMap<>();
        devices.forEach(d -> keyed.put(d.serial(), d));
        return keyed;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElseThrow() / 1e6;
    }
}
