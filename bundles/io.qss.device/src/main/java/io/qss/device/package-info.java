// SPDX-License-Identifier: Apache-2.0
/**
 * The device SPI. A device bundle registers a {@link io.qss.device.DeviceType} service; the framework (sync for
 * received files, the device manager for live connections) hands it a {@link io.qss.device.SampleSink} into the
 * store and a {@link io.qss.device.DeviceContext} to report status. See docs/device-spi.md.
 */
@Version("2.1.0")
package io.qss.device;

import org.osgi.annotation.versioning.Version;
