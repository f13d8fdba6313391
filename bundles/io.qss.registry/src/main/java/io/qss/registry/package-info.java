// SPDX-License-Identifier: Apache-2.0
/** The device registry: configured uPMUs, their streams and stream UUIDs; upmuconfig.ini import and export. */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.qss.registry;
