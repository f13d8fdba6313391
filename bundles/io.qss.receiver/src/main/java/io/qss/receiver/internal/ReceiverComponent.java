// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import com.mongodb.client.MongoClient;
import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.log.LogThrottle;
import io.qss.receiver.ReceiverStatus;
import io.qss.receiver.SenderStats;
import io.qss.receiver.Spool;
import io.qss.receiver.SpoolListener;
import io.qss.receiver.SpooledFile;
import io.qss.store.api.spi.StoreBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the spool, the receiver's sender counters and its health, and runs the TCP server. In activate the
 * spool is reconciled, the counters are loaded from MongoDB (before listening, so a device sending at start cannot
 * reset them) and the server bound; writing counters back and following the registered serials run on the
 * component's own scheduler. A configuration change is applied in place: the spool service stays registered (sync
 * goes on undisturbed); a new host, port or connection limit rebinds the listener (open connections close, devices
 * reconnect and resend what was not acknowledged).
 *
 * <p>With {@code spool.shared = <backend>} the spool is shared with other nodes through that store backend
 * ({@link SharedSpool}); the backends are followed dynamically, so with {@code none} (the default) the receiver needs
 * none and works exactly as without sharing.
 */
@Component(
        service = {Spool.class, ReceiverStatus.class, ComponentHealth.class},
        immediate = true,
        configurationPid = "io.qss.receiver",
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=2", "qss.data.area=raw"
        }) // restore pauses it
@Designate(ocd = ReceiverComponent.Config.class)
public final class ReceiverComponent implements Spool, ReceiverStatus, ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverComponent.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long PRESSURE_HOLD_NANOS = 60 * NANOS_PER_SECOND;
    private static final long REGISTERED_REFRESH_SECONDS = 10;
    private static final int MAX_COUNTED_SERIALS = 10_000;

    @ObjectClassDefinition(name = "qss receiver", description = "The uPMU transfer-protocol receiver and spool.")
    public @interface Config {
        @AttributeDefinition(description = "Interface to listen on.")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port of the uPMU transfer protocol; 0 picks a free one.")
        int port() default 1883;

        @AttributeDefinition(description = "Refuse new files (devices keep them) once the data volume is this full.")
        double diskGuardPercent() default 98.0;

        @AttributeDefinition(
                description = "Seconds a connection may wait between files before it is closed " + "(sender: 600).")
        int readTimeoutSeconds() default 600;

        @AttributeDefinition(description = "Most connections served at once; a new one beyond evicts the stalest.")
        int maxConnections() default 2000;

        @AttributeDefinition(
                description =
                        "Most connections from one IP address; a new one beyond evicts that " + "address's stalest.")
        int maxConnectionsPerAddress() default 32;

        @AttributeDefinition(description = "Seconds a message's header, path and serial may take once begun.")
        int headerTimeoutSeconds() default 30;

        @AttributeDefinition(description = "Slowest a file body may arrive, bytes per second over each window.")
        long minBodyBytesPerSecond() default 1024;

        @AttributeDefinition(description = "Seconds over which the body rate is measured.")
        int bodyRateWindowSeconds() default 30;

        @AttributeDefinition(description = "Bytes the spool may hold for serials that are not registered.")
        long unknownSendersMaxBytes() default 1L << 30;

        @AttributeDefinition(description = "Files the spool may hold for serials that are not registered.")
        long unknownSendersMaxFiles() default 10_000;

        @AttributeDefinition(description = "Milliseconds between writes of changed counters to latest_times.")
        long countersFlushMillis() default 1000;

        @AttributeDefinition(
                description = "Store backend (rados, file) holding a copy of every acknowledged file until it is"
                        + " ingested, for a node that takes over; none keeps the spool local only.")
        String spool_shared() default NO_SHARING;

        @AttributeDefinition(description = "Where within that backend: a namespace (rados) or a directory (file).")
        String spool_shared_location() default "qss-spool";

        @AttributeDefinition(description = "Seconds between copies of other nodes' files from the shared spool.")
        int spool_shared_poll_seconds() default 10;
    }

    static final String NO_SHARING = "none";

    private final SenderCounters counters = new SenderCounters(MAX_COUNTED_SERIALS);
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-receiver-counters"));
    private final ReceiverPressure pressure = new ReceiverPressure(System::nanoTime, PRESSURE_HOLD_NANOS);
    private final LogThrottle counterFailures = LogThrottle.oncePer(Duration.ofMinutes(1));
    private long failedFlushes;
    private final DiskGuard guard;
    private final SpoolImpl spool;
    private final LatestTimes latestTimes;
    private final UnknownSenderBudget budget;
    private final MessageHandler handler;
    private volatile Set<String> registered;
    private volatile ReceiverServer server;
    private volatile String failure;
    private final Set<StoreBackend> backends = ConcurrentHashMap.newKeySet();
    private volatile SharedSpool sharing;
    private Config config;
    private ScheduledFuture<?> flushing;

    @Activate
    public ReceiverComponent(@Reference MongoClient mongo, Config config) throws IOException {
        Path raw = DataDirectory.fromSystemProperties().raw();
        spool = new SpoolImpl(raw, this::isGuardAccepting);
        guard = new DiskGuard(DiskGuard.volumeProbe(raw), config.diskGuardPercent(), System::currentTimeMillis);
        int removed = spool.reconcile();
        if (removed > 0) {
            LOG.info("spool reconciled: removed {} partial files never acknowledged [dir={}]", removed, raw);
        }
        latestTimes = new LatestTimes(mongo);
        loadCounters();
        refreshRegistered();
        this.config = config;
        flushing = scheduleFlush(config);
        scheduler.scheduleWithFixedDelay(
                this::refreshRegistered, REGISTERED_REFRESH_SECONDS, REGISTERED_REFRESH_SECONDS, TimeUnit.SECONDS);
        budget = new UnknownSenderBudget(
                () -> registered,
                spool::deviceDirectory,
                config.unknownSendersMaxBytes(),
                config.unknownSendersMaxFiles());
        handler = new MessageHandler(spool, counters, budget, pressure);
        share(config);
        listen(config);
    }

    /** Shares the spool as {@code c} says (the backend arrives later, or is bound already), or stops sharing. */
    private synchronized void share(Config c) {
        SharedSpool old = sharing;
        if (old != null) {
            spool.share(SharedCopies.NONE);
            sharing = null;
            old.close();
        }
        String backendName = c.spool_shared().trim();
        if (backendName.isEmpty() || backendName.equals(NO_SHARING)) {
            return;
        }
        SharedSpool shared =
                new SharedSpool(backendName, c.spool_shared_location().trim(), spool);
        spool.share(shared);
        sharing = shared;
        backends.stream().filter(b -> b.name().equals(backendName)).findFirst().ifPresent(shared::backendArrived);
        shared.start(Math.max(1, c.spool_shared_poll_seconds()));
        LOG.info(
                "receiver spool shared [backend={}, location={}, pollSeconds={}]",
                backendName,
                c.spool_shared_location(),
                c.spool_shared_poll_seconds());
    }

    @Reference(
            service = StoreBackend.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBackend(StoreBackend backend) {
        backends.add(backend);
        SharedSpool shared = sharing;
        if (shared != null && backend.name().equals(shared.backendName())) {
            shared.backendArrived(backend);
        }
    }

    void removeBackend(StoreBackend backend) {
        backends.remove(backend);
        SharedSpool shared = sharing;
        if (shared != null) {
            shared.backendLeft(backend);
        }
    }

    /**
     * Applies a changed configuration without deactivating: limits at once, the listener rebound only when its
     * host, port or connection limits changed. A new port is bound before the old one is closed, so a port that is
     * taken leaves the receiver listening where it was (health says why).
     */
    @Modified
    synchronized void modified(Config changed) {
        guard.limitPercent(changed.diskGuardPercent());
        if (!sameSharing(config, changed)) {
            share(changed);
        }
        budget.limits(changed.unknownSendersMaxBytes(), changed.unknownSendersMaxFiles());
        if (changed.countersFlushMillis() != config.countersFlushMillis()) {
            flushing.cancel(false);
            flushing = scheduleFlush(changed);
        }
        if (!sameListener(config, changed)) {
            ReceiverServer old = server;
            boolean samePort = old != null
                    && old.port() == changed.port()
                    && changed.host().equals(config.host());
            if (samePort || old == null) {
                closeQuietly(old);
                listen(changed);
            } else if (listen(changed)) {
                closeQuietly(old);
            }
        }
        config = changed;
    }

    static boolean sameSharing(Config a, Config b) {
        return a.spool_shared().trim().equals(b.spool_shared().trim())
                && a.spool_shared_location()
                        .trim()
                        .equals(b.spool_shared_location().trim())
                && a.spool_shared_poll_seconds() == b.spool_shared_poll_seconds();
    }

    static boolean sameListener(Config a, Config b) {
        return a.host().equals(b.host()) && a.port() == b.port() && limits(a).equals(limits(b));
    }

    private ScheduledFuture<?> scheduleFlush(Config c) {
        return scheduler.scheduleWithFixedDelay(
                this::flushCounters, c.countersFlushMillis(), c.countersFlushMillis(), TimeUnit.MILLISECONDS);
    }

    /** Binds a listener with {@code c}'s address and limits; on failure keeps the current one and says why. */
    private boolean listen(Config c) {
        try {
            ReceiverServer started = new ReceiverServer(c.host(), c.port(), handler, limits(c), pressure);
            started.start();
            server = started;
            failure = null;
            LOG.info("receiver listening [host={}, port={}]", c.host(), started.port());
            return true;
        } catch (IOException e) {
            failure = e.getMessage();
            LOG.error("receiver not listening [host={}, port={}]", c.host(), c.port(), e);
            return false;
        }
    }

    private static void closeQuietly(ReceiverServer s) {
        if (s != null) {
            s.close();
        }
    }

    static ConnectionLimits limits(Config c) {
        return new ConnectionLimits(
                c.maxConnections(),
                c.maxConnectionsPerAddress(),
                c.readTimeoutSeconds() * NANOS_PER_SECOND,
                c.headerTimeoutSeconds() * NANOS_PER_SECOND,
                c.minBodyBytesPerSecond(),
                c.bodyRateWindowSeconds() * NANOS_PER_SECOND);
    }

    /** Loads the counters; when MongoDB fails, retries on the scheduler (nothing is written until loaded). */
    private void loadCounters() {
        if (counters.isLoaded()) {
            return;
        }
        try {
            latestTimes.loadInto(counters::seed);
            counters.loaded();
        } catch (RuntimeException e) {
            LOG.warn(
                    "loading sender counters from latest_times failed; counting on and retrying [cause={}]",
                    e.toString());
            scheduler.schedule(this::loadCounters, 10, TimeUnit.SECONDS);
        }
    }

    private void refreshRegistered() {
        try {
            registered = Set.copyOf(latestTimes.registeredSerials());
        } catch (RuntimeException e) {
            LOG.debug("reading registered serials failed; keeping the last known", e);
        }
    }

    @Override
    public void addListener(SpoolListener listener) {
        spool.addListener(listener);
    }

    @Override
    public void removeListener(SpoolListener listener) {
        spool.removeListener(listener);
    }

    @Deactivate
    void deactivate() {
        ReceiverServer s = server;
        if (s != null) {
            s.close();
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushCounters();
        SharedSpool shared = sharing;
        if (shared != null) {
            shared.close();
        }
    }

    private boolean isGuardAccepting() {
        return guard.isAccepting();
    }

    /** Writes changed counters; while MongoDB fails they stay in memory, the failure logged once a minute. */
    private synchronized void flushCounters() {
        try {
            counters.drainDirty(latestTimes::write);
            if (failedFlushes > 0) {
                LOG.info("writing sender counters to latest_times works again [failedAttempts={}]", failedFlushes);
                failedFlushes = 0;
                counterFailures.cleared();
            }
        } catch (RuntimeException e) {
            failedFlushes++;
            long failed = counterFailures.occurred();
            if (failed > 0) {
                LOG.warn(
                        "writing sender counters to latest_times failed; kept in memory and retried "
                                + "[failedAttempts={}, cause={}]",
                        failed,
                        e.toString());
            }
        }
    }

    @Override
    public String componentName() {
        return "receiver";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        ReceiverServer s = server;
        figures.put("port", s == null ? 0 : s.port());
        figures.put("connections", s == null ? 0 : s.openConnections());
        figures.put("files", counters.totalFiles());
        figures.put("diskUsedPercent", Math.round(guard.usedPercent() * 10) / 10.0);
        figures.put("acceptingData", guard.isAccepting()); // the disk guard, as the plotter shows it
        figures.put("evictedConnections", pressure.evictions());
        figures.put("refusedUnknownFiles", pressure.refusals());
        SharedSpool shared = sharing;
        if (shared != null) {
            shared.figures(figures);
        }
        if (s == null) {
            return new HealthReport(HealthState.DOWN, "not listening: " + failure, figures);
        }
        String failed = failure;
        if (failed != null) {
            return new HealthReport(
                    HealthState.DEGRADED,
                    "still listening on port " + s.port() + "; the configured listener failed: " + failed,
                    figures);
        }
        if (!guard.isAccepting()) {
            return new HealthReport(HealthState.DEGRADED, MessageHandler.NOT_ACCEPTING, figures);
        }
        String sharedRefusal = shared == null ? null : shared.refusal();
        if (sharedRefusal != null) {
            return new HealthReport(
                    HealthState.DEGRADED, "new files refused (devices keep them): " + sharedRefusal, figures);
        }
        String recent = pressure.recentReason();
        if (recent != null) {
            return new HealthReport(HealthState.DEGRADED, recent + " (within the last minute)", figures);
        }
        return new HealthReport(HealthState.UP, "listening [port=" + s.port() + "]", figures);
    }

    @Override
    public List<SenderStats> senders() {
        return counters.all();
    }

    @Override
    public Path root() {
        return spool.root();
    }

    @Override
    public Path deviceDirectory(String serial) {
        return spool.deviceDirectory(serial);
    }

    @Override
    public Path stateDirectory(String name) throws IOException {
        return spool.stateDirectory(name);
    }

    @Override
    public String devicePath(String serial, String spoolPath) {
        return spool.devicePath(serial, spoolPath);
    }

    @Override
    public List<String> serials() throws IOException {
        return spool.serials();
    }

    @Override
    public SpooledFile store(String serial, String path, byte[] data) throws IOException {
        return spool.store(serial, path, data);
    }

    @Override
    public SpooledFile importFile(String serial, String path, Path source) throws IOException {
        return spool.importFile(serial, path, source);
    }

    @Override
    public boolean isAcceptingData() {
        return guard.isAccepting();
    }

    @Override
    public void ingested(String serial, String path) {
        spool.ingested(serial, path);
    }
}
