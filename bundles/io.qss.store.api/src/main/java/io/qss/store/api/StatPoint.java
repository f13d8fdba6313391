// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * Statistics of the points in one window {@code [time, time + width)}. A window without points has count 0 and
 * min, mean and max 0.
 *
 * @param time window start, nanoseconds since the Unix epoch
 * @param min smallest value
 * @param mean count-weighted mean value
 * @param max largest value
 * @param count number of points, at least 0
 */
public record StatPoint(long time, double min, double mean, double max, long count) {}
