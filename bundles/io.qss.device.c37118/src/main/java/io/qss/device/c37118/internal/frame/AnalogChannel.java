// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

/**
 * One analog channel of a PMU's configuration.
 *
 * @param name channel name, trimmed
 * @param kind ANUNIT's type byte: 0 point on wave, 1 RMS, 2 peak (CFG-3: -1, not sent)
 * @param scale factor for integer values (ANUNIT's signed 24-bit factor, or CFG-3's ANSCALE factor)
 * @param offset added to integer values after scaling (CFG-3 only; 0 otherwise)
 */
public record AnalogChannel(String name, int kind, double scale, double offset) {}
