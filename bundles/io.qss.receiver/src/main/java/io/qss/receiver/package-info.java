// SPDX-License-Identifier: Apache-2.0
/**
 * The raw-file spool ({@code <qss data>/raw/<serial>/<device path>}, the sync queue), its change notification and
 * the receiver's per-sender counters.
 */
@Version("1.2.0")
package io.qss.receiver;

import org.osgi.annotation.versioning.Version;
