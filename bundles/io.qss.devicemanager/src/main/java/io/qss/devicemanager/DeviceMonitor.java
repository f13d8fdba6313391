// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The states of the live devices the device manager keeps: every saved device whose type has a live endpoint, and
 * every saved device (other than a uPMU) whose type's bundle is not installed ({@code PAUSED}). Thread-safe; answers
 * from memory without blocking.
 */
@ProviderType
public interface DeviceMonitor {

    /** Every live device, sorted by alias; never null. */
    List<LiveDeviceState> states();

    /** The live device with this alias; empty when the manager keeps none of that name. */
    Optional<LiveDeviceState> state(String alias);
}
