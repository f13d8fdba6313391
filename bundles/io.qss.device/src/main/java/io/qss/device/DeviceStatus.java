// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/** What a device is doing, as shown to operators. */
public enum DeviceStatus {
    /** Not connected and nothing received recently. */
    OFFLINE,
    /** Connected, no data yet. */
    CONNECTED,
    /** Data is arriving. */
    RECEIVING,
    /** Failing; the detail gives the reason. */
    ERROR,
    /** Configured, but its device type's bundle is not installed; resumes when it arrives. */
    PAUSED
}
