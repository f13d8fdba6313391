// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away Ceph cluster for tests: one monitor and one OSD on memstore (RAM), no manager, no authentication,
 * bound to 127.0.0.1 on free ports, in a temporary directory, with one pool of size 1. Starting takes a few seconds,
 * so start one per test class ({@code @BeforeAll}) and {@link #close} it after.
 *
 * <p>The daemons run in the foreground as children of this JVM (so they are reaped and never linger as zombies) and
 * are also killed by a shutdown hook if the JVM exits first. The OSD can be stopped and started again: memstore saves
 * its data on a clean stop (SIGTERM) and loads it on start.
 *
 * <p>Without the Ceph binaries ({@code ceph-mon}, {@code ceph-osd}, {@code ceph}, from the Debian packages
 * ceph-mon, ceph-osd and ceph-common) {@link #start} skips the calling test, unless the environment variable
 * {@code CI} is set or the system property {@code qss.ceph.required} is true: then it fails.
 */
public final class CephCluster implements AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final String DIR_PREFIX = "qss-ceph-";
    private static final String OWNER_FILE = "owner.pid";
    private static final List<String> BINARIES =
            List.of("ceph-mon", "ceph-osd", "ceph", "ceph-authtool", "monmaptool", "rados");

    private final Path dir;
    private final String pool;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread killer;
    private Process mon;
    private Process osd;
    private String osdId;

    private CephCluster(Path dir, String pool) {
        this.dir = dir;
        this.pool = pool;
        this.killer = new Thread(this::killAll, "ceph-cluster-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts a cluster with a pool {@code pool} whose memstore holds at most {@code memstoreBytes}; returns once every
     * placement group of the pool serves requests. A failure carries the tail of the daemons' logs (the directory is
     * deleted).
     */
    public static CephCluster start(String pool, long memstoreBytes) throws IOException, InterruptedException {
        requireBinaries();
        OrphanClusters.remove(DIR_PREFIX, OWNER_FILE);
        CephCluster cluster = new CephCluster(Files.createTempDirectory(DIR_PREFIX), pool);
        try {
            cluster.bringUp(memstoreBytes);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            e.addSuppressed(new IOException("Ceph daemon logs [dir=" + cluster.dir + "]\n" + cluster.logTails()));
            cluster.close();
            throw e;
        }
    }

    /** A cluster with 1 GiB of memstore. */
    public static CephCluster start(String pool) throws IOException, InterruptedException {
        return start(pool, 1L << 30);
    }

    private static void requireBinaries() {
        List<String> missing = BINARIES.stream().filter(b -> !isOnPath(b)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "Ceph binaries missing " + missing
                + ": install ceph-mon ceph-osd ceph-common (./qss deps, as root) to run the RADOS tests";
        if (System.getenv("CI") != null || Boolean.getBoolean("qss.ceph.required")) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message + "; skipped");
    }

    private static boolean isOnPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }

    private void bringUp(long memstoreBytes) throws IOException, InterruptedException {
        Files.writeString(
                dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        for (String sub : List.of("mon.a", "osd.0", "run", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        String fsid = UUID.randomUUID().toString();
        String monAddress = "[v2:127.0.0.1:" + freePort() + ",v1:127.0.0.1:" + freePort() + "]";
        Files.writeString(conf(), CephConf.render(dir, fsid, monAddress, memstoreBytes));
        startMonitor(fsid, monAddress);
        createOsd();
        startOsdProcess();
        run("ceph", "osd", "pool", "create", pool, "8", "8");
        run("ceph", "osd", "pool", "application", "enable", pool, "rados");
        waitUntilPoolServes();
    }

    private void startMonitor(String fsid, String monAddress) throws IOException, InterruptedException {
        String keyring = dir.resolve("keyring").toString();
        run("ceph-authtool", "--create-keyring", keyring, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *");
        String all = "allow *";
        run("ceph-authtool", keyring, "--gen-key", "-n", "client.admin", "--cap", "mon", all, "--cap", "osd", all);
        String monmap = dir.resolve("monmap").toString();
        run("monmaptool", "--create", "--fsid", fsid, "--addv", "a", monAddress, monmap);
        run("ceph-mon", "-c", conf().toString(), "--mkfs", "-i", "a", "--monmap", monmap, "--keyring", keyring);
        mon = daemon("mon.a", "ceph-mon", "-f", "-c", conf().toString(), "-i", "a");
        waitUntil("the monitor answers", () -> tryRun("ceph", "-s", "--connect-timeout", "2"));
    }

    private void createOsd() throws IOException, InterruptedException {
        String osdUuid = UUID.randomUUID().toString();
        osdId = run("ceph", "osd", "new", osdUuid).trim();
        String conf = conf().toString();
        run("ceph-osd", "-c", conf, "-i", osdId, "--mkfs", "--osd-uuid", osdUuid, "--keyring", osdKeyring());
    }

    private String osdKeyring() {
        return dir.resolve("osd.0/keyring").toString();
    }

    /**
     * Waits until every placement group of the pool serves requests: a write lands in one of them, a listing visits
     * them all. (Without a manager daemon the monitor has no placement group states to ask for.)
     */
    private void waitUntilPoolServes() throws IOException, InterruptedException {
        Path hello = Files.writeString(dir.resolve("hello.txt"), "hello");
        String timeout = "--rados-osd-op-timeout";
        waitUntil(
                "the pool takes a write",
                () -> tryRun("rados", timeout, "5", "-p", pool, "put", "#hello", hello.toString()));
        waitUntil("the pool lists", () -> tryRun("rados", timeout, "5", "-p", pool, "ls"));
        run("rados", "-p", pool, "rm", "#hello");
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir.resolve("log"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                tails.append("== ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(l -> tails.append(l).append('\n'));
            }
        } catch (IOException e) {
            tails.append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return tails.toString();
    }

    /** ceph.conf of the cluster: monitor address and no authentication; give it to librados. */
    public Path conf() {
        return dir.resolve("ceph.conf");
    }

    /** The pool created at start. */
    public String pool() {
        return pool;
    }

    /** Stops the OSD cleanly (SIGTERM, then SIGKILL after 20 s): requests to it wait until it is back. */
    public synchronized void stopOsd() throws InterruptedException {
        stop(osd);
        daemons.remove(osd);
        osd = null;
    }

    /** Starts the OSD again and returns once the pool serves requests (its placement groups peered). */
    public synchronized void startOsd() throws IOException, InterruptedException {
        startOsdProcess();
        waitUntilPoolServes();
    }

    private void startOsdProcess() throws IOException, InterruptedException {
        osd = daemon("osd." + osdId, "ceph-osd", "-f", "-c", conf().toString(), "-i", osdId, "--keyring", osdKeyring());
        waitUntil("the OSD is up", () -> tryRunOutput("ceph", "osd", "dump").contains("osd." + osdId + " up"));
    }

    /** Runs a Ceph command-line tool against this cluster and returns its standard output. */
    public String run(String... command) throws IOException, InterruptedException {
        Process process = tool(command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (process.exitValue() != 0) {
            throw new IOException("Ceph command failed [command=" + String.join(" ", command) + ", exit="
                    + process.exitValue() + ", output=" + output.strip() + ", log=" + dir.resolve("log") + "]");
        }
        return output;
    }

    private boolean tryRun(String... command) {
        try {
            run(command);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tryRunOutput(String... command) {
        try {
            return run(command);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Process tool(String... command) throws IOException {
        // timeout(1) bounds a tool that waits for a daemon that never answers
        List<String> bounded = new ArrayList<>(List.of("timeout", "-k", "5", Long.toString(STEP_TIMEOUT.toSeconds())));
        bounded.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(bounded)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("CEPH_CONF", conf().toString());
        return builder.start();
    }

    private Process daemon(String name, String... command) throws IOException {
        Path out = dir.resolve("log").resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().put("CEPH_CONF", conf().toString());
        Process process = builder.start();
        synchronized (this) {
            daemons.add(process);
        }
        return process;
    }

    private static void waitUntil(String what, Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!check.isTrue()) {
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "Ceph cluster did not come up: " + what + " [timeoutSeconds=" + STEP_TIMEOUT.toSeconds() + "]");
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private synchronized void killAll() {
        daemons.forEach(Process::destroyForcibly);
    }

    /** Stops the OSD, then the monitor (the OSD waits for the monitor's ack), and deletes the directory. */
    @Override
    public void close() throws InterruptedException {
        stop(osd);
        stop(mon);
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs anyway
        }
        OrphanClusters.deleteTree(dir);
    }

    @FunctionalInterface
    private interface Check {
        boolean isTrue() throws IOException, InterruptedException;
    }
}
