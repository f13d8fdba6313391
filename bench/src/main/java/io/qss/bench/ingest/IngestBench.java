// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import io.qss.dat.DatStream;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The fleet run: see {@link IngestBenchMain}. */
final class IngestBench {

    /**
     * @param isVerify after the send: wait (at most {@code drainLimit}) until sync has no file pending, then check
     *        that every stream holds every acknowledged point (and no more than was sent)
     */
    record Options(
            Path home,
            String host,
            int port,
            String rest,
            int devices,
            int extendedEvery,
            Duration duration,
            Duration interval,
            int sampleEvery,
            int threads,
            boolean isRegister,
            boolean isVerify,
            Duration drainLimit) {}

    /**
     * @param drain from the end of the send until sync had no file pending; null when not verified or not drained
     * @param verified what the count check found: empty when every acknowledged point is there
     */
    record Result(
            int devices,
            long files,
            long failed,
            double pointsPerSecond,
            List<Long> latencies,
            int lost,
            Duration elapsed,
            StatusProbe status,
            Duration drain,
            String verified) {

        long percentile(double p) {
            return latencies.isEmpty()
                    ? -1
                    : latencies.get((int) Math.min(latencies.size() - 1, Math.floor(p * latencies.size())));
        }

        boolean isMet() {
            if (verified != null) {
                return failed == 0 && status.isResponsive() && drain != null && verified.isEmpty();
            }
            return failed == 0 && lost == 0 && !latencies.isEmpty() && percentile(1.0) <= 2000;
        }

        String summary() {
            long over = latencies.stream().filter(l -> l > 2000).count();
            return String.format(
                            "devices=%d files=%d failed=%d points/s=%.0f latency ms: samples=%d p50=%d p95=%d"
                                    + " p99=%d max=%d over2s=%d lost=%d elapsed=%ds -> %s",
                            devices,
                            files,
                            failed,
                            pointsPerSecond,
                            latencies.size(),
                            percentile(0.5),
                            percentile(0.95),
                            percentile(0.99),
                            percentile(1.0),
                            over,
                            lost,
                            elapsed.toSeconds(),
                            verdict())
                    + "\n" + status.summary()
                    + (verified == null
                            ? ""
                            : "\ndrained after the send in "
                                    + (drain == null ? "(not drained)" : drain.toSeconds() + " s")
                                    + "; acknowledged points "
                                    + (verified.isEmpty() ? "all there" : "MISSING: " + verified));
        }

        private String verdict() {
            if (verified != null) {
                return isMet()
                        ? "MET (/status within 1 s throughout, backlog drained, every acknowledged point there)"
                        : "NOT MET";
            }
            return isMet() ? "MET (every sampled file queryable <= 2 s after its ack)" : "NOT MET";
        }
    }

    private static final int MAX_FAILURES_SHOWN = 20;

    private final Options o;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long startedMillis = System.currentTimeMillis();
    private final AtomicLong points = new AtomicLong();
    private final List<Device> fleet = new ArrayList<>();

    IngestBench(Options options) {
        this.o = options;
    }

    Result run() throws Exception {
        if (o.isRegister()) {
            Fleet.register(o.home(), o.devices(), o.extendedEvery());
        }
        Map<String, UUID> uuids = Fleet.streams(o.home());
        LatencyProbe probe = new LatencyProbe(o.rest());
        Thread prober = new Thread(probe, "latency-probe");
        prober.setDaemon(true);
        prober.start();
        StatusProbe status = new StatusProbe(o.rest(), o.home());
        Thread watcher = new Thread(status, "status-probe");
        watcher.setDaemon(true);
        watcher.start();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(o.threads());
        long intervalNanos = o.interval().toNanos();
        long startSecond = System.currentTimeMillis() / 60_000 * 60 - 3600;
        long started = System.nanoTime();
        for (int i = 0; i < o.devices(); i++) {
            Device d = new Device(i, startSecond, uuids, probe);
            fleet.add(d);
            pool.scheduleAtFixedRate(d::sendNext, intervalNanos * i / o.devices(), intervalNanos, TimeUnit.NANOSECONDS);
        }
        long end = started + o.duration().toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(10_000);
            List<Long> l = probe.latencies();
            System.out.printf(
                    "t=%ds files=%d failed=%d points=%d latency samples=%d max=%dms pendingProbes=%d; %s%n",
                    (System.nanoTime() - started) / 1_000_000_000L,
                    files.get(),
                    failed.get(),
                    points.get(),
                    l.size(),
                    l.isEmpty() ? -1 : l.get(l.size() - 1),
                    probe.pending(),
                    status.summary());
        }
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        long sendEnded = System.nanoTime();
        Duration sendTime = Duration.ofNanos(sendEnded - started);
        Duration drain = null;
        String verified = null;
        if (o.isVerify()) {
            drain = awaitDrain(status, sendEnded);
            verified = new FleetCheck(o.rest(), uuids).check(fleet);
        }
        long drainUntil = System.nanoTime() + 30_000_000_000L;
        while (probe.pending() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(100);
        }
        prober.interrupt();
        watcher.interrupt();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Duration rated = o.isVerify() ? sendTime : elapsed;
        return new Result(
                o.devices(),
                files.get(),
                failed.get(),
                points.get() / (rated.toNanos() / 1e9),
                probe.latencies(),
                probe.lost() + probe.pending(),
                elapsed,
                status,
                drain,
                verified);
    }

    /** Waits until sync reports no pending file; the time since the send ended, or null past the limit. */
    private Duration awaitDrain(StatusProbe status, long sendEnded) throws InterruptedException {
        long limit = sendEnded + o.drainLimit().toNanos();
        while (System.nanoTime() < limit) {
            if (status.syncPending() == 0) {
                return Duration.ofNanos(System.nanoTime() - sendEnded);
            }
            System.out.printf("draining: %s%n", status.summary());
            Thread.sleep(5_000);
        }
        return null;
    }

    /** One simulated uPMU: one connection, one file per interval, files in time order. */
    final class Device {
        final int index;
        final boolean isExtended;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong attempted = new AtomicLong();
        /** The start of this run's first file: earlier runs' points in the streams are not this run's. */
        final long firstSecond;

        private final String serial;
        private final SyntheticDat sim;
        private final UpmuSender sender;
        private final UUID lastStream;
        private final LatencyProbe probe;
        private long nextSecond;
        private long count;

        Device(int index, long startSecond, Map<String, UUID> uuids, LatencyProbe probe) {
            this.index = index;
            this.serial = Fleet.serial(index);
            this.isExtended = Fleet.isExtended(index, o.extendedEvery());
            this.sim = SyntheticDats.generator(SyntheticDatOptions.of(index, isExtended));
            this.sender = UpmuSenders.sender(UpmuSenderOptions.of(o.host(), o.port(), serial));
            this.nextSecond = startSecond;
            this.firstSecond = startSecond;
            List<DatStream> streams = DatStream.streams(isExtended);
            this.lastStream = uuids.get("/upmu/" + Fleet.alias(index) + "/"
                    + streams.get(streams.size() - 1).name());
            this.probe = probe;
        }

        void sendNext() {
            byte[] data = sim.generateFile(nextSecond, 60);
            String path = SyntheticDat.relativePath(serial, nextSecond);
            long lastSample = (nextSecond + 59) * 1_000_000_000L;
            nextSecond += 60;
            attempted.incrementAndGet();
            try {
                if (sender.sendOnce(path, data)) {
                    long ack = System.nanoTime();
                    acked.incrementAndGet();
                    files.incrementAndGet();
                    points.addAndGet(60L * 120 * DatStream.streams(isExtended).size());
                    if (lastStream != null && count++ % o.sampleEvery() == index % o.sampleEvery()) {
                        probe.acked(lastStream, lastSample, ack);
                    }
                } else {
                    fail(path, "not acknowledged (qss refused the file)");
                }
            } catch (Exception e) {
                fail(path, e.toString());
            }
        }

        /** Counts a failed send and prints its cause: the first few only, a failing fleet would flood the output. */
        private void fail(String path, String cause) {
            if (failed.incrementAndGet() <= MAX_FAILURES_SHOWN) {
                System.out.printf(
                        "failed: t=%ds serial=%s path=%s cause=%s%n",
                        (System.currentTimeMillis() - startedMillis) / 1000, serial, path, cause);
            }
        }
    }
}
