// SPDX-License-Identifier: Apache-2.0
package io.qss.itests.meter;

import io.qss.device.DeviceType;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link MeterType} as its bundle starts; the framework unregisters it when the bundle stops. */
public final class MeterActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(DeviceType.TYPE_PROPERTY, MeterType.TYPE_ID);
        context.registerService(DeviceType.class, new MeterType(), properties);
    }

    @Override
    public void stop(BundleContext context) {}
}
