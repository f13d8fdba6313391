// SPDX-License-Identifier: Apache-2.0
/**
 * The versioned time-series store: streams of (int64 ns time, float64 value) points, kept in a copy-on-write tree
 * so that every commit yields a new, permanently readable version. Obtain a {@link io.qss.store.api.TimeSeriesStore} as
 * an OSGi service.
 */
@Version("2.0.0")
package io.qss.store.api;

import org.osgi.annotation.versioning.Version;
