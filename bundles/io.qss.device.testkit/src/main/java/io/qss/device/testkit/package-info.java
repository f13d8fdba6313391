// SPDX-License-Identifier: Apache-2.0
/**
 * Contract tests for device bundles (JUnit 5). A device bundle's test class extends
 * {@link io.qss.device.testkit.DeviceTypeContractTest}, returns its {@link io.qss.device.DeviceType} and sample
 * inputs (files for file types, a {@link io.qss.device.testkit.ScriptedDevice} for live types), and inherits one test
 * per promise of the SPI that qss relies on. The recording sink and context are usable on their own in a bundle's
 * other tests. See docs/device-spi.md.
 */
@Version("1.0.0")
package io.qss.device.testkit;

import org.osgi.annotation.versioning.Version;
