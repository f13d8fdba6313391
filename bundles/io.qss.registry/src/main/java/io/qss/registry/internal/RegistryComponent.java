// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.client.MongoClient;
import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.TimeSeriesStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * Publishes the registry. Loading reads one small collection, so it happens in activate; a failure leaves the
 * component unsatisfied with the cause logged by SCR. Activation first marks documents saved before device types
 * existed as uPMUs ({@code type: upmu}). Then the registry follows MongoDB ({@link RegistryFollower}), for both the
 * uPMUs and the catalog's devices, so that devices another node saves reach this one: each period it reads the
 * devices' marker, and the devices only when the marker changed or every {@code follow.fullSeconds} ({@link
 * FollowGate}).
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.qss.registry")
@Designate(ocd = RegistryComponent.Config.class)
public final class RegistryComponent implements DeviceRegistry {

    @ObjectClassDefinition(
            name = "qss device registry",
            description = "The saved devices of every type in MongoDB, and how this node follows another node's saves.")
    public @interface Config {
        @AttributeDefinition(
                description = "Seconds between readings of the saved devices' marker in MongoDB (the devices are"
                        + " read when it changed), so that devices another qss node on the same database saves reach"
                        + " this one; 0 reads them at start only.")
        int follow_seconds() default 5;

        @AttributeDefinition(
                description = "Seconds after which a reading of the saved devices reads them in full although their"
                        + " marker did not change, so that edits made by hand in MongoDB (which leave the marker alone)"
                        + " reach this node; 0 reads them only when the marker changed.")
        int follow_fullSeconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RegistryComponent.class);

    private final DeviceRegistryImpl registry;
    private final Optional<RegistryFollower> follower;

    @Activate
    public RegistryComponent(@Reference MongoClient mongo, @Reference TimeSeriesStore store, Config config)
            throws RegistryException {
        if (config.follow_seconds() < 0) {
            throw new RegistryException(
                    "registry option invalid, 0 or more allowed [follow.seconds=" + config.follow_seconds() + "]");
        }
        if (config.follow_fullSeconds() < 0) {
            throw new RegistryException("registry option invalid, 0 or more allowed [follow.fullSeconds="
                    + config.follow_fullSeconds() + "]");
        }
        ChangeMarker marker = new ChangeMarker(mongo);
        MongoDeviceStore documents = new MongoDeviceStore(mongo, marker);
        long marked = documents.markUntypedAsUpmu();
        if (marked > 0) {
            LOG.info(
                    "device documents without type marked as uPMUs [count={}, collection={}.{}]",
                    marked,
                    MongoDeviceStore.DATABASE,
                    MongoDeviceStore.COLLECTION);
        }
        FollowGate gate =
                new FollowGate(marker::read, Duration.ofSeconds(config.follow_fullSeconds()), System::nanoTime);
        registry = new DeviceRegistryImpl(documents, store, gate);
        registry.load();
        follower = config.follow_seconds() == 0
                ? Optional.empty()
                : Optional.of(new RegistryFollower(registry::follow, Duration.ofSeconds(config.follow_seconds())));
        follower.ifPresent(RegistryFollower::start);
    }

    @Deactivate
    void deactivate() {
        follower.ifPresent(RegistryFollower::close);
    }

    /** The registry itself, which the device catalog of this bundle joins (one pending configuration). */
    DeviceRegistryImpl engine() {
        return registry;
    }

    @Override
    public List<RegisteredDevice> devices() {
        return registry.devices();
    }

    @Override
    public Optional<RegisteredDevice> bySerial(String serial) {
        return registry.bySerial(serial);
    }

    @Override
    public List<RegisteredDevice> pendingDevices() {
        return registry.pendingDevices();
    }

    @Override
    public Optional<RegisteredDevice> findPending(String key) {
        return registry.findPending(key);
    }

    @Override
    public RegisteredDevice add(String ip, String serial, String alias, boolean isExtended) throws RegistryException {
        return registry.add(ip, serial, alias, isExtended);
    }

    @Override
    public RegisteredDevice remove(String key) throws RegistryException {
        return registry.remove(key);
    }

    @Override
    public RegisteredDevice remove(String key, boolean isDataDeleted) throws RegistryException {
        return registry.remove(key, isDataDeleted);
    }

    @Override
    public RegisteredDevice setExtended(String key, boolean isExtended) throws RegistryException {
        return registry.setExtended(key, isExtended);
    }

    @Override
    public int unsavedChanges() {
        return registry.unsavedChanges();
    }

    @Override
    public SaveResult save() throws RegistryException {
        return registry.save();
    }

    @Override
    public void discard() {
        registry.discard();
    }

    @Override
    public List<StreamEntry> streams(RegisteredDevice device) {
        return registry.streams(device);
    }

    @Override
    public List<DeviceChange> previewIni(String text) throws RegistryException {
        return registry.previewIni(text);
    }

    @Override
    public int importIni(String text) throws RegistryException {
        return registry.importIni(text);
    }

    @Override
    public String exportIni() {
        return registry.exportIni();
    }

    @Override
    public long raiseGeneration(String key) throws RegistryException {
        return registry.raiseGeneration(key);
    }
}
