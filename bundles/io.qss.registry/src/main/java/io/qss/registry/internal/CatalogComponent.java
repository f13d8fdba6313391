// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.client.MongoClient;
import io.qss.device.DeviceType;
import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the device catalog. It shares the pending configuration of this bundle's uPMU registry, so it takes the
 * {@link RegistryComponent} behind the {@link DeviceRegistry} service (a separate component because the two service
 * interfaces declare methods of the same name with different results). Device types are tracked as they come and
 * go: a device whose type is uninstalled stays configured.
 */
@Component(service = DeviceCatalog.class)
public final class CatalogComponent implements DeviceCatalog {

    private final DeviceTypes types = new DeviceTypes();
    private final DeviceCatalogImpl catalog;

    @Activate
    public CatalogComponent(
            @Reference(target = "(component.name=io.qss.registry.internal.RegistryComponent)") DeviceRegistry registry,
            @Reference MongoClient mongo,
            @Reference TimeSeriesStore store)
            throws RegistryException {
        if (!(registry instanceof RegistryComponent own)) {
            throw new RegistryException("device catalog needs the registry of its own bundle [registry="
                    + registry.getClass().getName() + "]");
        }
        catalog = new DeviceCatalogImpl(own.engine(), new MongoCatalogStore(mongo), store, types);
        catalog.load();
    }

    @Reference(
            service = DeviceType.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDeviceType(DeviceType type, Map<String, Object> properties) {
        types.add(type, properties);
    }

    void removeDeviceType(DeviceType type, Map<String, Object> properties) {
        types.remove(type, properties);
    }

    @Deactivate
    void deactivate() {
        catalog.close();
    }

    @Override
    public List<Device> devices() {
        return catalog.devices();
    }

    @Override
    public List<Device> devices(String type) {
        return catalog.devices(type);
    }

    @Override
    public Optional<Device> find(String key) {
        return catalog.find(key);
    }

    @Override
    public List<Device> pendingDevices() {
        return catalog.pendingDevices();
    }

    @Override
    public Device add(String type, String alias, Map<String, String> properties) throws RegistryException {
        return catalog.add(type, alias, properties);
    }

    @Override
    public Device remove(String key, boolean isDataDeleted) throws RegistryException {
        return catalog.remove(key, isDataDeleted);
    }

    @Override
    public int unsavedChanges() {
        return catalog.unsavedChanges();
    }

    @Override
    public SaveResult save() throws RegistryException {
        return catalog.save();
    }

    @Override
    public void discard() {
        catalog.discard();
    }

    @Override
    public List<StreamEntry> streams(Device device) {
        return catalog.streams(device);
    }

    @Override
    public Device declareStreams(String alias, List<StreamSpec> streams) throws RegistryException {
        return catalog.declareStreams(alias, streams);
    }

    @Override
    public void saveState(String alias, byte[] state) throws RegistryException {
        catalog.saveState(alias, state);
    }

    @Override
    public byte[] loadState(String alias) throws RegistryException {
        return catalog.loadState(alias);
    }

    @Override
    public void addListener(Runnable listener) {
        catalog.addListener(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        catalog.removeListener(listener);
    }
}
