// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import com.mongodb.client.MongoClient;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.device.DeviceType;
import io.qss.receiver.Spool;
import io.qss.receiver.SpoolListener;
import io.qss.receiver.SpooledFile;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegistryException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.sync.CleanReport;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.ImportProgress;
import io.qss.sync.ImportReport;
import io.qss.sync.SyncException;
import io.qss.sync.SyncService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * Publishes sync: listens to the spool, runs the {@link SyncEngine}, answers the console. Device types are followed
 * dynamically (any number, keyed by their {@code device.type} property), so a device bundle can be installed,
 * updated or removed while sync runs: the devices of an absent type pause and resume when it is back.
 */
@Component(
        service = {SyncService.class, ComponentHealth.class},
        immediate = true,
        configurationPid = "io.qss.sync",
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=2"}) // restore pauses it
@Designate(ocd = SyncComponent.Config.class)
public final class SyncComponent implements SyncService, SpoolListener, ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SyncComponent.class);

    @ObjectClassDefinition(name = "qss sync", description = "Spooled device files into the store.")
    public @interface Config {
        @AttributeDefinition(description = "Worker threads ingesting files (devices run in parallel, each on one).")
        int workers() default 16;

        @AttributeDefinition(description = "Files one device ingests before yielding its worker to other devices.")
        int filesPerTurn() default 4;

        @AttributeDefinition(description = "Milliseconds between checks of the registry and retries of paused devices.")
        long refreshMillis() default 2000;

        @AttributeDefinition(
                description = "Health turns DEGRADED (sync is behind) when more files than this are "
                        + "pending over all devices.")
        int backlogFiles() default 1000;

        @AttributeDefinition(
                description = "Health turns DEGRADED (sync is behind) when the oldest pending file "
                        + "arrived more than this many minutes ago.")
        int backlogMinutes() default 10;
    }

    private final Spool spool;
    private final DeviceRegistry registry;
    private final SyncEngine engine;
    private final SyncHealth health;
    private final SyncStatusCollection figures;
    private final RepeatLimiter figuresFailureLog = new RepeatLimiter(60_000, System::currentTimeMillis);
    private final ScheduledExecutorService figuresWriter =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-sync-figures"));
    private boolean isRestored;

    @Activate
    public SyncComponent(
            @Reference TimeSeriesStore store,
            @Reference DeviceRegistry registry,
            @Reference Spool spool,
            @Reference MongoClient mongo,
            Config config) {
        this.spool = spool;
        this.registry = registry;
        engine = new SyncEngine(
                spool,
                registry,
                store,
                Math.max(1, config.workers()),
                Math.max(1, config.filesPerTurn()),
                Math.max(100, config.refreshMillis()));
        health = new SyncHealth(Math.max(0, config.backlogFiles()), Math.max(0, config.backlogMinutes()));
        figures = new SyncStatusCollection(mongo);
    }

    /**
     * Starts sync once the device types present at activation are bound (DS binds them after the constructor), so
     * devices whose type is installed never show as paused at start.
     */
    @Activate
    void activate() {
        spool.addListener(this);
        engine.start();
        figuresWriter.scheduleWithFixedDelay(this::saveFigures, 0, 2, TimeUnit.SECONDS);
    }

    /** A device type's service arrived (at activation, or a device bundle was installed, started or updated). */
    @Reference(
            service = DeviceType.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDeviceType(DeviceType type, Map<String, Object> properties) {
        engine.addType(typeIdOf(type, properties), type);
    }

    /** A device type's service left (its bundle was stopped, updated or uninstalled). */
    void removeDeviceType(DeviceType type, Map<String, Object> properties) {
        engine.removeType(typeIdOf(type, properties), type);
    }

    /** The type id a service is registered under ({@link DeviceType#TYPE_PROPERTY}); its own when it has none. */
    static String typeIdOf(DeviceType type, Map<String, Object> properties) {
        Object id = properties.get(DeviceType.TYPE_PROPERTY);
        return id instanceof String s && !s.isBlank() ? s : type.typeId();
    }

    @Deactivate
    void deactivate() {
        spool.removeListener(this);
        figuresWriter.shutdown();
        try {
            // Let a write in progress finish, then save the final figures, so a restart shows them.
            if (figuresWriter.awaitTermination(10, TimeUnit.SECONDS) && isRestored) {
                engine.close();
                saveFigures();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }

    /**
     * Restores the figures saved before this start (once, carrying over those older versions kept in
     * {@code latest_times}), then writes the changed ones. Nothing is written before the restore succeeded, so a
     * MongoDB outage at start never overwrites saved figures with the counts since start. Runs on one thread.
     */
    private void saveFigures() {
        try {
            if (!isRestored) {
                int migrated = figures.migrate();
                if (migrated > 0) {
                    LOG.info("sync figures carried over from latest_times [devices={}]", migrated);
                }
                engine.restore(figures.load());
                isRestored = true;
            }
            figures.write(engine.status());
            figuresFailureLog.cleared(n -> LOG.info("sync figures written again [failedAttempts={}]", n));
        } catch (RuntimeException e) {
            figuresFailureLog.occurred(
                    e.toString(),
                    heldBack -> LOG.warn(
                            "saving sync figures to "
                                    + "upmu_database.sync_status failed; retrying [cause={}, heldBackSinceLastLogged={}]",
                            e.toString(),
                            heldBack));
        }
    }

    @Override
    public void spooled(SpooledFile file) {
        engine.spooled(file);
    }

    @Override
    public List<DeviceSyncStatus> status() {
        return engine.status();
    }

    @Override
    public Map<String, Integer> unknownSenders() {
        Map<String, Integer> out = new TreeMap<>();
        try {
            for (String serial : spool.serials()) {
                if (registry.bySerial(serial).isEmpty()) {
                    try (Stream<Path> walk = Files.walk(spool.deviceDirectory(serial))) {
                        out.put(serial, (int) walk.filter(Files::isRegularFile).count());
                    }
                }
            }
        } catch (IOException e) {
            out.put("(spool unreadable: " + e.getMessage() + ")", 0);
        }
        return out;
    }

    @Override
    public long reingest(String key) throws SyncException {
        try {
            long generation = registry.raiseGeneration(key);
            String serial = registry.devices().stream()
                    .filter(d -> d.isNamedBy(key))
                    .findFirst()
                    .orElseThrow()
                    .serial();
            engine.rescan(serial);
            return generation;
        } catch (RegistryException | IOException e) {
            throw new SyncException("re-ingest failed [device=" + key + "]", e);
        }
    }

    @Override
    public ImportReport importDat(Path dir, String serial, ImportProgress progress) throws SyncException {
        try {
            return new DatImporter(spool, registry).run(dir, serial, progress);
        } catch (IOException | RuntimeException e) {
            throw new SyncException("import failed [dir=" + dir + "]", e);
        }
    }

    @Override
    public CleanReport synced() throws SyncException {
        return clean(false);
    }

    @Override
    public CleanReport deleteSynced() throws SyncException {
        return clean(true);
    }

    private CleanReport clean(boolean isDelete) throws SyncException {
        try {
            return engine.clean(isDelete);
        } catch (IOException e) {
            throw new SyncException("cleaning synced files failed", e);
        }
    }

    @Override
    public String componentName() {
        return "sync";
    }

    @Override
    public HealthReport health() {
        SyncTotals totals = SyncHealth.totals();
        engine.addTo(totals);
        return health.report(totals, engine.rate(), engine.pointsInserted(), spool.isAcceptingData(), Instant.now());
    }
}
