// SPDX-License-Identifier: Apache-2.0
/** Sync: spooled device files into the store, its per-device status, re-ingest, import of .dat folders. */
@Version("2.1.0")
package io.qss.sync;

import org.osgi.annotation.versioning.Version;
