// SPDX-License-Identifier: Apache-2.0
/** Operations on a running qss: its version, offline hot updates, backup, restore and a new database. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.qss.ops;
