// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * One stored point.
 *
 * @param time nanoseconds since the Unix epoch
 * @param value a finite value
 */
public record RawPoint(long time, double value) {}
