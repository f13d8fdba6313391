// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.device.DeviceType;
import io.qss.devicemanager.DeviceMonitor;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.registry.DeviceCatalog;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
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

/**
 * Publishes the {@link DeviceManager}: follows every {@link DeviceType} service as it comes and goes (a device
 * bundle installed, updated or uninstalled at run time), and offers the devices' states as {@link DeviceMonitor}
 * and health component {@code devices}.
 */
@Component(
        service = {DeviceMonitor.class, ComponentHealth.class},
        immediate = true,
        configurationPid = "io.qss.devicemanager")
@Designate(ocd = DeviceManagerComponent.Config.class)
public final class DeviceManagerComponent implements DeviceMonitor, ComponentHealth {

    @ObjectClassDefinition(
            name = "qss device manager",
            description = "Live devices of every type: connections, " + "sessions, samples into the store.")
    public @interface Config {
        @AttributeDefinition(
                description =
                        "Threads running the devices' protocol sessions (each device on at most " + "one at a time).")
        int workers() default 4;

        @AttributeDefinition(
                description = "Multi-stream inserts of live samples into the store run at once per "
                        + "flush (each takes at least 512 streams).")
        int insertThreads() default 4;

        @AttributeDefinition(description = "Milliseconds between inserts of the live samples into the store.")
        long flushMillis() default 250;

        @AttributeDefinition(
                description = "Least milliseconds between two rounds of reading the devices' sockets; "
                        + "0 reads as bytes arrive.")
        long readIntervalMillis() default 50;

        @AttributeDefinition(
                description = "Bytes kept per device while its type's bundle is away; beyond them the "
                        + "oldest are dropped.")
        long bufferBytes() default 16L << 20;

        @AttributeDefinition(
                description =
                        "Points a device may have waiting while the store fails before its " + "input is held back.")
        long maxPendingPoints() default 2_000_000;

        @AttributeDefinition(description = "First reconnect delay in milliseconds; doubles after each failure.")
        long minBackoffMillis() default 1000;

        @AttributeDefinition(description = "Longest reconnect delay in milliseconds.")
        long maxBackoffMillis() default 60_000;

        @AttributeDefinition(description = "Milliseconds a TCP connect may take.")
        long connectTimeoutMillis() default 10_000;
    }

    private final DeviceManager manager;

    @Activate
    public DeviceManagerComponent(@Reference DeviceCatalog catalog, @Reference TimeSeriesStore store, Config config)
            throws IOException {
        ManagerSettings settings = new ManagerSettings(
                config.workers(),
                config.insertThreads(),
                config.flushMillis(),
                config.readIntervalMillis(),
                config.bufferBytes(),
                config.maxPendingPoints(),
                config.minBackoffMillis(),
                config.maxBackoffMillis(),
                config.connectTimeoutMillis());
        manager = new DeviceManager(catalog, store::insertAll, settings);
        manager.start();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + DeviceType.TYPE_PROPERTY + "=*)")
    void addType(DeviceType type) {
        manager.addType(type);
    }

    void removeType(DeviceType type) {
        manager.removeType(type);
    }

    @Deactivate
    void deactivate() {
        manager.close();
    }

    @Override
    public List<LiveDeviceState> states() {
        return manager.states();
    }

    @Override
    public Optional<LiveDeviceState> state(String alias) {
        return manager.state(alias);
    }

    @Override
    public String componentName() {
        return "devices";
    }

    @Override
    public HealthReport health() {
        if (!manager.isLoaded()) {
            return HealthReport.of(HealthState.STARTING, "reading the saved devices");
        }
        return ManagerHealth.report(manager.states(), manager.pointsInserted(), manager.lastFlushCycleMillis());
    }
}
