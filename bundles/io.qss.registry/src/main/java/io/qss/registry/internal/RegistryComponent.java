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
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the registry. Loading reads one small collection, so it happens in activate; a failure leaves the
 * component unsatisfied with the cause logged by SCR. Activation first marks documents saved before device types
 * existed as uPMUs ({@code type: upmu}).
 */
@Component(service = DeviceRegistry.class)
public final class RegistryComponent implements DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryComponent.class);

    private final DeviceRegistryImpl registry;

    @Activate
    public RegistryComponent(@Reference MongoClient mongo, @Reference TimeSeriesStore store) throws RegistryException {
        MongoDeviceStore documents = new MongoDeviceStore(mongo);
        long marked = documents.markUntypedAsUpmu();
        if (marked > 0) {
            LOG.info(
                    "device documents without type marked as uPMUs [count={}, collection={}.{}]",
                    marked,
                    MongoDeviceStore.DATABASE,
                    MongoDeviceStore.COLLECTION);
        }
        registry = new DeviceRegistryImpl(documents, store);
        registry.load();
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
