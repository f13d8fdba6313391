// SPDX-License-Identifier: Apache-2.0
/**
 * What the query front ends share, so each wire format and each error status has one implementation: the
 * multi-stream CSV layout ({@link io.qss.query.MultiStreamCsv}), BTrDB's number formats ({@link io.qss.query.GoFormat}),
 * window rounding ({@link io.qss.query.PointWidths}) and store errors as HTTP statuses
 * ({@link io.qss.query.StoreErrorStatus}). Plain Java over the store API; no services, no servlet types.
 */
@Version("1.0.0")
package io.qss.query;

import org.osgi.annotation.versioning.Version;
