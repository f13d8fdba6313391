// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import org.osgi.annotation.versioning.ConsumerType;

/** A live connection opened by a device type; it runs on its own threads until closed. */
@ConsumerType
public interface DeviceConnection extends AutoCloseable {

    /** Stops the connection and its threads; returns once no more samples will be delivered. */
    @Override
    void close();
}
