// SPDX-License-Identifier: Apache-2.0
/** The device registry: configured devices of every type ({@link io.qss.registry.DeviceCatalog}) and uPMUs ({@link
 * io.qss.registry.DeviceRegistry}), their streams and stream UUIDs; upmuconfig.ini import and export. */
@Version("1.4.0")
package io.qss.registry;

import org.osgi.annotation.versioning.Version;
