// SPDX-License-Identifier: Apache-2.0
/** Operations on a running qss: its version, offline hot updates, optional packages, backup, restore, new database. */
@Version("1.3.0")
package io.qss.ops;

import org.osgi.annotation.versioning.Version;
