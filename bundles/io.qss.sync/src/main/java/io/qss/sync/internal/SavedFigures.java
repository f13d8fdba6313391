// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import java.time.Instant;

/**
 * The figures of one device that sync cannot recount from its state log after a restart.
 *
 * @param points points written for the device before this start
 * @param lastSynced when its last file was synced; null when never
 */
record SavedFigures(long points, Instant lastSynced) {}
