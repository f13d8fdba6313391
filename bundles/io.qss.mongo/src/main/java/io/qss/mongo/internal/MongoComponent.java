// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;
import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.log.LogThrottle;
import io.qss.mongo.MongoServiceProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the driver's {@link MongoClient} as an OSGi service, connected either to the embedded server (no URI
 * configured) or to the configured MongoDB.
 *
 * <p>Opening the embedded file can take seconds on a large database, so it happens on the component's own thread;
 * the client service appears once the server is reachable, and {@link #health()} says {@code STARTING} until then.
 *
 * <p>Health tells whether writes work, not merely whether a server answers: every write command of the shared
 * client is watched ({@link WriteOutcomes}), and a probe document is written every {@code probeIntervalSeconds}, so a
 * full disk shows as {@code DEGRADED} with its reason within one interval and clears by itself once writes succeed
 * again.
 */
@Component(
        service = ComponentHealth.class,
        immediate = true,
        configurationPid = "io.qss.mongo",
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=3", "qss.data.area=mongo"
        }) // restore pauses it
@Designate(ocd = MongoComponent.Config.class)
public final class MongoComponent implements ComponentHealth, ClusterListener {

    private static final Logger LOG = LoggerFactory.getLogger(MongoComponent.class);
    private static final String EMBEDDED_FILE = "qss.mv.db";
    private static final String PROBE_DATABASE = "qss";
    private static final String PROBE_COLLECTION = "health_probe";
    private static final long RETRY_SECONDS = 2;
    private static final long MAX_START_RETRY_SECONDS = 30;

    @ObjectClassDefinition(name = "qss MongoDB", description = "The MongoDB that holds devices, accounts and counters.")
    public @interface Config {
        @AttributeDefinition(
                description = "MongoDB connection URI (mongodb://host:port/?replicaSet=...). "
                        + "Empty: the embedded server, persisting in <qss data>/mongo.")
        String uri() default "";

        @AttributeDefinition(description = "Interface the embedded server listens on.")
        String embeddedHost() default "127.0.0.1";

        @AttributeDefinition(description = "Port of the embedded server; 0 picks a free one.")
        int embeddedPort() default 27018;

        @AttributeDefinition(
                description = "Seconds between two probe writes that check the database still accepts"
                        + " writes (at least 1).")
        int probeIntervalSeconds() default 10;
    }

    private final BundleContext bundleContext;
    private final Config config;
    private final ScheduledThreadPoolExecutor worker =
            new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "qss-mongo"));
    private final WriteOutcomes writes = new WriteOutcomes(Clock.systemUTC());
    private final LogThrottle probeFailures = LogThrottle.oncePer(Duration.ofMinutes(1));
    private final LogThrottle recoveries = LogThrottle.oncePer(Duration.ofMinutes(1));
    private final LogThrottle startFailures = LogThrottle.oncePer(Duration.ofMinutes(1));
    private int startAttempts;
    private volatile EmbeddedMongo embedded;
    private volatile MongoClient client;
    private volatile ServiceRegistration<MongoClient> registration;
    private volatile ClusterDescription cluster;
    private volatile String failure;

    @Activate
    public MongoComponent(BundleContext bundleContext, Config config) {
        this.bundleContext = bundleContext;
        this.config = config;
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.execute(this::start);
    }

    /**
     * Opens the embedded server (or the client of the configured one) and publishes the client. A failure (the port
     * still held by a process going away, a file another process has open) is retried with a growing delay up to
     * {@link #MAX_START_RETRY_SECONDS}, so qss comes up by itself once the cause is gone; health says why meanwhile.
     */
    private void start() {
        startAttempts++;
        try {
            open();
            failure = null;
            if (startAttempts > 1) {
                LOG.info("MongoDB client started after {} attempts", startAttempts);
            }
            worker.execute(this::probe);
        } catch (Exception | LinkageError e) {
            closeOpened();
            long delay = Math.min(MAX_START_RETRY_SECONDS, RETRY_SECONDS << Math.min(4, startAttempts - 1));
            failure = DurableBackend.rootMessage(e) + " (retrying every " + delay + " s)";
            if (startFailures.occurred() > 0) {
                LOG.error(
                        "MongoDB client could not start, retrying [uri={}, attempt={}, retryInSeconds={}, cause={}]",
                        config.uri().isBlank() ? "embedded" : "configured",
                        startAttempts,
                        delay,
                        DurableBackend.rootMessage(e),
                        e);
            }
            try {
                worker.schedule(this::start, delay, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("no further start attempt: the component is stopping");
            }
        }
    }

    private void open() throws IOException {
        boolean isEmbedded = config.uri().isBlank();
        String address;
        if (isEmbedded) {
            embedded = EmbeddedMongo.start(
                    DataDirectory.fromSystemProperties().mongo().resolve(EMBEDDED_FILE),
                    config.embeddedHost(),
                    config.embeddedPort());
            client = MongoClientFactory.forEmbedded(embedded, this, writes);
            address = embedded.address().getHostString() + ":"
                    + embedded.address().getPort();
        } else {
            client = MongoClientFactory.forUri(config.uri(), this, writes);
            address = String.join(",", new ConnectionString(config.uri()).getHosts());
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(MongoServiceProperties.EMBEDDED, isEmbedded);
        properties.put(MongoServiceProperties.ADDRESS, address);
        registration = bundleContext.registerService(MongoClient.class, client, properties);
        LOG.info("MongoDB client ready [mode={}, address={}]", isEmbedded ? "embedded" : "external", address);
    }

    /** Closes what a failed {@link #open()} left open, so the next attempt starts from nothing. */
    private void closeOpened() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /**
     * Writes the probe document (a new time each time, so it always writes); a failure reaches {@link #writes}. Then
     * schedules the next probe: after {@code probeIntervalSeconds}, or after {@link #RETRY_SECONDS} while writes fail,
     * so health turns {@code UP} soon after space returns.
     */
    private void probe() {
        try {
            writeProbe();
        } finally {
            long interval = Math.max(1, config.probeIntervalSeconds());
            long delay = writes.failing().isPresent() ? Math.min(RETRY_SECONDS, interval) : interval;
            try {
                worker.schedule(this::probe, delay, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("no further probe: the component is stopping");
            }
        }
    }

    private void writeProbe() {
        try {
            client.getDatabase(PROBE_DATABASE)
                    .getCollection(PROBE_COLLECTION)
                    .replaceOne(
                            Filters.eq("_id", "probe"),
                            new Document("_id", "probe").append("at", new Date()),
                            new ReplaceOptions().upsert(true));
            if (writes.failing().isPresent() && recoveries.occurred() > 0) {
                LOG.info("MongoDB writes succeed again [writeFailures={}]", writes.failures());
            }
            writes.probeSucceeded();
        } catch (MongoException | IllegalStateException e) {
            if (!(e instanceof MongoCommandException)) {
                writes.failed(DurableBackend.rootMessage(e));
            }
            long occurrences = probeFailures.occurred();
            if (occurrences > 0) {
                LOG.error(
                        "MongoDB probe write failed [reason={}, occurrences={}]",
                        DurableBackend.rootMessage(e),
                        occurrences,
                        e);
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown(); // lets a start or probe in progress finish; cancels the next probe
        worker.awaitTermination(30, TimeUnit.SECONDS);
        ServiceRegistration<MongoClient> current = registration;
        if (current != null) {
            current.unregister();
        }
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
        cluster = event.getNewDescription();
    }

    @Override
    public String componentName() {
        return "mongo";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mode", config.uri().isBlank() ? "embedded" : "external");
        ServiceRegistration<MongoClient> current = registration;
        if (current == null) {
            return failure == null
                    ? new HealthReport(HealthState.STARTING, "opening the database", figures)
                    : new HealthReport(HealthState.DOWN, "could not start: " + failure, figures);
        }
        figures.put("address", current.getReference().getProperty(MongoServiceProperties.ADDRESS));
        figures.put("writeFailures", writes.failures());
        EmbeddedMongo server = embedded;
        if (server != null) {
            figures.put("reopens", server.reopens());
        }
        ClusterDescription description = cluster;
        if (description == null || !description.hasWritableServer()) {
            return new HealthReport(HealthState.DOWN, "no writable MongoDB server reachable", figures);
        }
        return writes.failing()
                .map(f -> new HealthReport(
                        HealthState.DEGRADED, "writes failing since " + f.since() + ": " + f.reason(), figures))
                .orElseGet(() -> new HealthReport(HealthState.UP, "connected", figures));
    }
}
