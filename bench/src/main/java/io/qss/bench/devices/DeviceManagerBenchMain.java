// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.devices;

import com.sun.management.OperatingSystemMXBean;
import io.qss.device.StreamSpec;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.devicemanager.internal.DeviceManager;
import io.qss.devicemanager.internal.FakeCatalog;
import io.qss.devicemanager.internal.ManagerSettings;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The device manager under a fleet of live devices: {@code --devices N} toy phasor devices (one TCP connection each)
 * sending {@code --rate R} frames a second of {@code --streams S} channels each (default 10) into a real store in a temporary directory (durable inserts). Reports the
 * CPU the manager's threads use (network loop, session workers, flusher; and the insert threads, which include the
 * store's own work), the lines decoded per second, and the line-to-durable latency (line time to the end of the insert
 * that holds it) p50/p99.
 *
 * <p>Run: {@code ./mvnw -B -q package -DskipTests -pl bench -am} then
 * {@code java -cp "bench/target/qss-bench.jar:bench/target/lib/*" io.qss.bench.devices.DeviceManagerBenchMain
 * --devices 1000 --rate 60 --seconds 30}; {@code --insert-threads N} and {@code --flush-millis N} override the
 * manager's settings.
 */
public final class DeviceManagerBenchMain {

    private static final int LATENCY_BUCKETS_MS = 10_000;

    private DeviceManagerBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int devices = Integer.parseInt(options.getOrDefault("devices", "1000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "60"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int streams = Integer.parseInt(options.getOrDefault("streams", "10"));
        Path dir = Files.createTempDirectory("qss-bench-devices");
        AtomicLongArray latencyMs = new AtomicLongArray(LATENCY_BUCKETS_MS + 1);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
                ToyFleet fleet = new ToyFleet(rate)) {
            FakeCatalog catalog = new FakeCatalog();
            catalog.onNewStream =
                    (device, spec) -> create(store, device.streamUuids().get(spec.key()), device.collection(), spec);
            DeviceManager manager = new DeviceManager(
                    catalog,
                    batches -> {
                        store.insertAll(batches);
                        record(batches, latencyMs);
                    },
                    settings(options));
            manager.start();
            manager.addType(new ToyPhasorType(streams));
            for (int i = 0; i < devices; i++) {
                catalog.save(FakeCatalog.device(
                        ToyPhasorType.TYPE,
                        "toy" + i,
                        Map.of("host", "127.0.0.1", "port", String.valueOf(fleet.port()))));
            }
            awaitConnections(fleet, devices);
            // creating the streams (one durable metadata append each) delays the first frames; measure after that
            awaitStreams(store, devices * streams);
            Thread.sleep(5000);
            for (int i = 0; i < latencyMs.length(); i++) {
                latencyMs.set(i, 0);
            }
            Measure measure = new Measure(manager);
            Thread.sleep(seconds * 1000L);
            measure.report(devices, rate, streams, fleet, latencyMs);
            manager.close();
        }
    }

    /** Adds each point's time-to-durable (now minus its time) to the histogram. */
    private static void record(List<StreamBatch> batches, AtomicLongArray latencyMs) {
        long now = System.currentTimeMillis() * 1_000_000L;
        for (StreamBatch b : batches) {
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                int ms = (int) Math.min(LATENCY_BUCKETS_MS, Math.max(0, (now - b.times()[i]) / 1_000_000));
                latencyMs.incrementAndGet(ms);
            }
        }
    }

    /** The defaults, with {@code --insert-threads N} and {@code --flush-millis N} when given. */
    private static ManagerSettings settings(Map<String, String> options) {
        ManagerSettings d = ManagerSettings.defaults();
        return new ManagerSettings(
                d.workers(),
                Integer.parseInt(options.getOrDefault("insert-threads", String.valueOf(d.insertThreads()))),
                Long.parseLong(options.getOrDefault("flush-millis", String.valueOf(d.flushMillis()))),
                d.readIntervalMillis(),
                d.bufferBytes(),
                d.maxPendingPoints(),
                d.minBackoffMillis(),
                d.maxBackoffMillis(),
                d.connectTimeoutMillis());
    }

    private static void create(TimeSeriesStoreImpl store, UUID uuid, String collection, StreamSpec spec) {
        try {
            store.create(uuid, collection, Map.of("name", spec.name(), "unit", spec.unit()), Map.of());
        } catch (StoreException e) {
            throw new IllegalStateException("creating a bench stream failed [uuid=" + uuid + "]", e);
        }
    }

    private static void awaitConnections(ToyFleet fleet, int devices) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (fleet.connections() < devices) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "devices did not connect [connected=" + fleet.connections() + ", devices=" + devices + "]");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitStreams(TimeSeriesStoreImpl store, int streams) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (store.streamCount() < streams) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "streams were not declared [created=" + store.streamCount() + ", expected=" + streams + "]");
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("option expected [arg=" + args[i] + ", usage=--devices N "
                        + "--rate R --seconds S --streams C --insert-threads N --flush-millis N]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** CPU of the manager's threads and its counters between construction and {@link #report}. */
    private static final class Measure {

        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final DeviceManager manager;
        private final long startNanos = System.nanoTime();
        private final long[] startCpu;
        private final long startValid;
        private final long startPoints;
        private final long startProcessCpu;

        Measure(DeviceManager manager) {
            this.manager = manager;
            startCpu = cpuByGroup();
            startValid = valid();
            startPoints = manager.pointsInserted();
            startProcessCpu = processCpu();
        }

        void report(int devices, int rate, int streams, ToyFleet fleet, AtomicLongArray latencyMs) {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            long[] cpu = cpuByGroup();
            double managerCore = (cpu[0] - startCpu[0]) / 1e9 / wall;
            double insertCore = (cpu[1] - startCpu[1]) / 1e9 / wall;
            double processCore = (processCpu() - startProcessCpu) / 1e9 / wall;
            double linesPerSecond = (valid() - startValid) / wall;
            double pointsPerSecond = (manager.pointsInserted() - startPoints) / wall;
            System.out.printf(
                    Locale.ROOT,
                    "devices=%d rate=%d/s streams/device=%d connected=%d wall=%.1fs%n",
                    devices,
                    rate,
                    streams,
                    fleet.connections(),
                    wall);
            System.out.printf(
                    Locale.ROOT,
                    "inserted=%.0f points/s (expected %d)%n",
                    pointsPerSecond,
                    (long) devices * rate * streams);
            System.out.printf(
                    Locale.ROOT,
                    "decoded=%.0f lines/s (expected %d), fleet: dropped=%d lines, "
                            + "skipped=%d ticks (its thread late)%n",
                    linesPerSecond,
                    devices * rate,
                    fleet.linesDropped(),
                    fleet.ticksSkipped());
            System.out.printf(
                    Locale.ROOT,
                    "cpu (cores): manager io+sessions+flush=%.3f, insert threads (incl. "
                            + "store)=%.3f, whole process (incl. fleet and store background)=%.3f%n",
                    managerCore,
                    insertCore,
                    processCore);
            System.out.printf(
                    Locale.ROOT,
                    "line-to-durable latency ms: p50=%d p99=%d max=%d; insert cycle ms: " + "last=%d longest=%d%n",
                    percentile(latencyMs, 0.5),
                    percentile(latencyMs, 0.99),
                    percentile(latencyMs, 1.0),
                    manager.lastFlushCycleMillis(),
                    manager.longestFlushCycleMillis());
        }

        private long valid() {
            return manager.states().stream()
                    .mapToLong(LiveDeviceState::validFrames)
                    .sum();
        }

        private long processCpu() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** [0] the manager's own threads, [1] its insert threads. */
        private long[] cpuByGroup() {
            long[] sum = new long[2];
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null || !infos[i].getThreadName().startsWith("qss-devices")) {
                    continue;
                }
                long t = threads.getThreadCpuTime(ids[i]);
                sum[infos[i].getThreadName().startsWith("qss-devices-insert") ? 1 : 0] += Math.max(0, t);
            }
            return sum;
        }

        private static long percentile(AtomicLongArray histogram, double p) {
            long total = 0;
            for (int i = 0; i < histogram.length(); i++) {
                total += histogram.get(i);
            }
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int i = 0; i < histogram.length(); i++) {
                seen += histogram.get(i);
                if (seen >= rank && seen > 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
