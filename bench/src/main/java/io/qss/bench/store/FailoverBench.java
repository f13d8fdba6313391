// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.FailoverStore;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
import io.qss.store.rados.testing.CephCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./qss bench store --failover [--rounds N] [--lease-seconds S] [--poll-seconds P] [--ceph-conf C --pool
 * P]}: a child JVM writes through the engine on RADOS (one 120-point batch per insert, printing {@code ACK k} once
 * an insert returned) while a standby ({@link FailoverStore}) in this JVM follows it; the child is killed with
 * SIGKILL and the time until the standby accepts a write is measured; then every acknowledged batch must be there
 * exactly once. Repeated N times (default 10), one namespace each. Without {@code --ceph-conf} a throw-away
 * memstore cluster.
 */
public final class FailoverBench {

    private static final UUID STREAM = new UUID(0xfa11, 1);
    private static final long BASE = 1_650_000_000_000_000_000L;
    private static final int BATCH = 120;

    private FailoverBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--child")) {
            child(
                    new RadosSettings(
                            args[1], "client.admin", "", args[2], 64L << 20, 30, Integer.parseInt(args[4]), 32),
                    args[3]);
            return;
        }
        Map<String, String> opts = StoreBenchMain.parse(args);
        run(opts);
    }

    static void run(Map<String, String> opts) throws Exception {
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "10"));
        int leaseSeconds = Integer.parseInt(opts.getOrDefault("lease-seconds", "25"));
        int pollSeconds = Integer.parseInt(opts.getOrDefault("poll-seconds", "2"));
        String conf = opts.getOrDefault("ceph-conf", "");
        String pool = opts.getOrDefault("pool", "qss");
        CephCluster cluster = conf.isEmpty() ? CephCluster.start(pool, 2L << 30) : null;
        try {
            String confPath = cluster != null ? cluster.conf().toString() : conf;
            RadosSettings settings =
                    new RadosSettings(confPath, "client.admin", "", pool, 64L << 20, 30, leaseSeconds, 32);
            List<Double> takeovers = new ArrayList<>();
            long acked = 0;
            long lost = 0;
            for (int round = 0; round < rounds; round++) {
                Round r = round(settings, "failover-" + UUID.randomUUID(), pollSeconds);
                System.out.printf(
                        "failover.round%d: takeover_s=%.2f acked_batches=%d lost_or_duplicated_batches=%d%n",
                        round, r.takeoverSeconds, r.acked, r.lost);
                takeovers.add(r.takeoverSeconds);
                acked += r.acked;
                lost += r.lost;
            }
            Collections.sort(takeovers);
            System.out.println("failover.setup=lease_" + leaseSeconds + "s_poll_" + pollSeconds + "s_" + rounds
                    + "rounds_kill9_child_jvm_memstore");
            System.out.printf(
                    "failover.takeover_s.min=%.2f%nfailover.takeover_s.median=%.2f%nfailover.takeover_s.max=%.2f%n",
                    takeovers.get(0), takeovers.get(takeovers.size() / 2), takeovers.get(takeovers.size() - 1));
            System.out.println("failover.acked_points=" + acked * BATCH);
            System.out.println("failover.lost_points=" + lost * BATCH);
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private record Round(double takeoverSeconds, long acked, long lost) {}

    private static Round round(RadosSettings settings, String namespace, int pollSeconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FailoverBench.class.getName(),
                        "--child",
                        settings.confPath(),
                        settings.pool(),
                        namespace,
                        Integer.toString(settings.leaseSeconds()))
                .redirectErrorStream(true)
                .start();
        Set<Long> acks = ConcurrentHashMap.newKeySet();
        CountDownLatch someAcks = new CountDownLatch(50);
        Thread reader = new Thread(() -> readAcks(child, acks, someAcks));
        reader.start();
        if (!someAcks.await(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("the writer child acknowledged too little [namespace=" + namespace + "]");
        }
        try (FailoverStore standby = FailoverStore.open(
                () -> RadosVolume.connect(settings, namespace),
                StoreOptions.defaults(),
                TimeUnit.SECONDS.toMillis(5),
                TimeUnit.SECONDS.toMillis(pollSeconds))) {
            if (!standby.isStandby()) {
                throw new IllegalStateException("the standby got the lease while the child held it");
            }
            Thread.sleep(500);
            child.destroyForcibly(); // SIGKILL
            long killed = System.nanoTime();
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            long probe = -1; // a batch number the child never wrote
            while (!tryWrite(standby, probe)) {
                Thread.sleep(10);
            }
            double takeover = (System.nanoTime() - killed) / 1e9;
            long lost = 0;
            for (long k : acks) {
                if (standby.count(STREAM, time(k, 0), time(k + 1, 0), 0) != BATCH) {
                    lost++;
                }
            }
            return new Round(takeover, acks.size(), lost);
        }
    }

    private static boolean tryWrite(FailoverStore store, long k) {
        try {
            insert(store, k);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private static void readAcks(Process child, Set<Long> acks, CountDownLatch someAcks) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("ACK ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                    someAcks.countDown();
                } else {
                    System.out.println("child: " + line);
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the child dies
        }
    }

    /** The child: writes batch after batch until it is killed. */
    private static void child(RadosSettings settings, String namespace) throws Exception {
        StoreVolume volume = RadosVolume.connect(settings, namespace);
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, StoreOptions.defaults());
        store.create(STREAM, "bench/failover", Map.of(), Map.of());
        for (long k = 0; ; k++) {
            insert(store, k);
            System.out.println("ACK " + k);
            System.out.flush();
        }
    }

    private static void insert(io.qss.store.api.TimeSeriesStore store, long k) throws StoreException {
        long[] t = new long[BATCH];
        double[] v = new double[BATCH];
        for (int i = 0; i < BATCH; i++) {
            t[i] = time(k, i);
            v[i] = k + i;
        }
        store.insert(STREAM, t, v, 0, BATCH, MergePolicy.NEVER);
    }

    private static long time(long k, int i) {
        return BASE + k * 1_000_000_000L + i * 8_333_333L;
    }
}
