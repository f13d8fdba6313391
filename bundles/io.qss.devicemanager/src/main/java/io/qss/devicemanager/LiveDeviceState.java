// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager;

import io.qss.device.DeviceStatus;
import java.time.Instant;

/**
 * One live device as the device manager sees it at one moment. Immutable.
 *
 * @param type the device type id, e.g. {@code c37118}; never null
 * @param alias the device's alias; never null
 * @param status what the device is doing; never null
 * @param detail one line: the last error with its reason, the session's own words, or what the manager waits for;
 *     never null, may be empty
 * @param framesPerSecond valid frames per second over the last few seconds
 * @param validFrames frames decoded since qss started
 * @param invalidFrames frames refused since qss started (e.g. bad checksum)
 * @param reconnects connections lost (or refused) and tried again since qss started
 * @param lastFrame when the last valid frame was decoded; null when none since qss started
 */
public record LiveDeviceState(
        String type,
        String alias,
        DeviceStatus status,
        String detail,
        double framesPerSecond,
        long validFrames,
        long invalidFrames,
        long reconnects,
        Instant lastFrame) {}
