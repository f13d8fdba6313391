// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.rados;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
import io.qss.store.rados.testing.CephCluster;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./qss bench rados [--conf C --pool P] [--mb N] [--lease-seconds S]}: the RADOS backend's figures, one
 * {@code name=value} line each: sequential 64 KB block writes with a sync every 4 MB into 64 MB objects, small
 * appends each synced (p50/p99), random 16 KB reads, and the writer lease's takeover after its holder (a JVM of its
 * own) is killed. Without {@code --conf} it starts a throw-away memstore cluster (RAM: figures are an upper bound
 * of what a disk-backed OSD gives).
 */
public final class RadosBenchMain {

    private static final int BLOCK = 64 << 10;
    private static final int SYNC_EVERY = 4 << 20;
    private static final long OBJECT_BYTES = 64L << 20;

    private RadosBenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--hold-lease")) {
            holdLease(args[1], args[2], args[3], Integer.parseInt(args[4]));
            return;
        }
        String conf = option(args, "--conf", "");
        String pool = option(args, "--pool", "qss");
        int megabytes = Integer.parseInt(option(args, "--mb", "256"));
        int leaseSeconds = Integer.parseInt(option(args, "--lease-seconds", "5"));
        CephCluster cluster = conf.isEmpty() ? CephCluster.start(pool, 2L << 30) : null;
        try {
            String confPath = cluster != null ? cluster.conf().toString() : conf;
            RadosSettings settings =
                    new RadosSettings(confPath, "client.admin", "", pool, OBJECT_BYTES, 30, leaseSeconds, 32);
            String location = "bench-" + UUID.randomUUID();
            try (RadosVolume volume = RadosVolume.connect(settings, location)) {
                long objects = sequentialWrites(volume, (long) megabytes << 20);
                syncedAppends(volume, 2000);
                randomReads(volume, objects, 5);
            }
            leaseTakeover(settings, location);
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static long sequentialWrites(RadosVolume volume, long total) throws StoreException {
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        long start = System.nanoTime();
        long objects = (total + OBJECT_BYTES - 1) / OBJECT_BYTES;
        for (long o = 0; o < objects; o++) {
            try (WritableObject segment = volume.openWritable("seg/" + o, Long.MAX_VALUE)) {
                for (long at = 0; at < Math.min(OBJECT_BYTES, total - o * OBJECT_BYTES); at += BLOCK) {
                    segment.write(at, ByteBuffer.wrap(block));
                    if ((at + BLOCK) % SYNC_EVERY == 0) {
                        segment.sync();
                    }
                }
                segment.sync();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rados.seq_write_64k_sync_4m.mb_per_s=%.1f%n", total / 1048576.0 / seconds);
        System.out.printf("rados.seq_write_64k_sync_4m.mb=%d%n", total >> 20);
        return objects;
    }

    private static void syncedAppends(RadosVolume volume, int count) throws StoreException {
        byte[] record = new byte[200];
        long[] micros = new long[count];
        try (WritableObject log = volume.openWritable("wal/0", Long.MAX_VALUE)) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                log.write(log.length(), ByteBuffer.wrap(record));
                log.sync();
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("rados.append_200b_sync.p50_ms=%.2f%n", micros[count / 2] / 1000.0);
        System.out.printf("rados.append_200b_sync.p99_ms=%.2f%n", micros[count * 99 / 100] / 1000.0);
    }

    private static void randomReads(RadosVolume volume, long objects, int seconds) throws StoreException {
        Random random = new Random(2);
        byte[] into = new byte[16 << 10];
        long reads = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String name = "seg/" + random.nextInt((int) Math.max(1, objects - 1));
            long position = (long) random.nextInt((int) (OBJECT_BYTES / into.length)) * into.length;
            volume.read(name, position, into, 0, into.length);
            reads++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("rados.random_read_16k.per_s=%.0f%n", reads / elapsed);
    }

    /** Starts a JVM that takes the lease, kills it (SIGKILL) and measures until this process holds the lease. */
    private static void leaseTakeover(RadosSettings settings, String location) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RadosBenchMain.class.getName(),
                        "--hold-lease",
                        settings.confPath(),
                        settings.pool(),
                        location,
                        Integer.toString(settings.leaseSeconds()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        holder.getInputStream().read(); // one byte once it holds the lease
        holder.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        try (RadosVolume standby = RadosVolume.connect(settings, location)) {
            while (true) {
                try (WriterLease lease = standby.acquireWriter("standby")) {
                    lease.check();
                    break;
                } catch (StoreException e) {
                    Thread.sleep(50);
                }
            }
        }
        System.out.printf("rados.lease_takeover_after_kill.s=%.2f%n", (System.nanoTime() - killed) / 1e9);
        System.out.printf("rados.lease_seconds=%d%n", settings.leaseSeconds());
    }

    private static void holdLease(String conf, String pool, String location, int leaseSeconds) throws Exception {
        RadosSettings settings = new RadosSettings(conf, "client.admin", "", pool, OBJECT_BYTES, 30, leaseSeconds, 32);
        RadosVolume volume = RadosVolume.connect(settings, location);
        volume.acquireWriter("bench-holder:" + ProcessHandle.current().pid());
        System.out.write('H');
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
