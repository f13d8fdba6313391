// SPDX-License-Identifier: Apache-2.0
/**
 * The device manager's status API: the state of every live device (TCP clients and UDP listeners of connection-based
 * device types) as {@code device:status}, {@code /health} and {@code qss:status} show it. See docs/device-manager.md.
 */
@Version("1.0.0")
package io.qss.devicemanager;

import org.osgi.annotation.versioning.Version;
