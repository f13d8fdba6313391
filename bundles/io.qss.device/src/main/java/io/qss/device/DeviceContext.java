// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import org.osgi.annotation.versioning.ProviderType;

/** What the framework gives a live connection: the device, its sink and a status channel. Thread-safe. */
@ProviderType
public interface DeviceContext {

    /** The device this context serves; never null. */
    DeviceDescriptor device();

    /** The sink into the device's streams; never null. */
    SampleSink sink();

    /** Reports the device's status; {@code detail} is a short line such as the reason of an error. */
    void updateStatus(DeviceStatus status, String detail);
}
