// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import com.mongodb.client.MongoClient;
import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.receiver.ReceiverStatus;
import io.qss.receiver.SenderStats;
import io.qss.receiver.Spool;
import io.qss.receiver.SpoolListener;
import io.qss.receiver.SpooledFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the spool, the receiver's sender counters and its health, and runs the TCP server. The spool is
 * reconciled and the server bound in activate (fast); loading counters from MongoDB and writing them back run on
 * the component's own scheduler.
 */
@Component(service = {Spool.class, ReceiverStatus.class, ComponentHealth.class}, immediate = true,
        configurationPid = "io.qss.receiver")
@Designate(ocd = ReceiverComponent.Config.class)
public final class ReceiverComponent implements Spool, ReceiverStatus, ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverComponent.class);

    @ObjectClassDefinition(name = "qss receiver", description = "The uPMU transfer-protocol receiver and spool.")
    public @interface Config {
        @AttributeDefinition(description = "Interface to listen on.")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port of the uPMU transfer protocol; 0 picks a free one.")
        int port() default 1883;

        @AttributeDefinition(description = "Refuse new files (devices keep them) once the data volume is this full.")
        double diskGuardPercent() default 98.0;

        @AttributeDefinition(description = "Seconds a connection may stay silent before it is closed (sender: 600).")
        int readTimeoutSeconds() default 600;

        @AttributeDefinition(description = "Most connections served at once (one thread each).")
        int maxConnections() default 2000;

        @AttributeDefinition(description = "Milliseconds between writes of changed counters to latest_times.")
        long countersFlushMillis() default 1000;
    }

    private final SenderCounters counters = new SenderCounters();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-receiver-counters"));
    private final DiskGuard guard;
    private final SpoolImpl spool;
    private final LatestTimes latestTimes;
    private volatile ReceiverServer server;
    private volatile String failure;

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
        scheduler.execute(() -> latestTimes.loadInto(counters::seed));
        scheduler.scheduleWithFixedDelay(this::flushCounters, config.countersFlushMillis(),
                config.countersFlushMillis(), TimeUnit.MILLISECONDS);
        try {
            server = new ReceiverServer(config.host(), config.port(), new MessageHandler(spool, counters),
                    config.readTimeoutSeconds() * 1000, config.maxConnections());
            server.start();
            LOG.info("receiver listening [host={}, port={}]", config.host(), server.port());
        } catch (IOException e) {
            failure = e.getMessage();
            LOG.error("receiver not listening", e);
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
    }

    private boolean isGuardAccepting() {
        return guard.isAccepting();
    }

    private void flushCounters() {
        try {
            counters.drainDirty(latestTimes::write);
        } catch (RuntimeException e) {
            LOG.warn("writing sender counters to latest_times failed; retrying [cause={}]", e.toString());
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
        if (s == null) {
            return new HealthReport(HealthState.DOWN, "not listening: " + failure, figures);
        }
        if (!guard.isAccepting()) {
            return new HealthReport(HealthState.DEGRADED, MessageHandler.NOT_ACCEPTING, figures);
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
}
