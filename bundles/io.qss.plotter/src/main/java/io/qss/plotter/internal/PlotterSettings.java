// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

/**
 * The plotter's limits and intervals, from its configuration. Immutable.
 *
 * @param maxWindowsPerQuery most windows one data answer may hold
 * @param csvMaxRows most rows one CSV export may hold
 * @param sessionExpirySeconds how long a login lasts without use
 * @param followIntervalSeconds how often the page polls for new data while following
 */
record PlotterSettings(long maxWindowsPerQuery, long csvMaxRows, long sessionExpirySeconds,
        int followIntervalSeconds) {
}
