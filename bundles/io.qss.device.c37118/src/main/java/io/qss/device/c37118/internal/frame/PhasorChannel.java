// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

/**
 * One phasor channel of a PMU's configuration.
 *
 * @param name channel name, trimmed
 * @param isCurrent true for a current (A), false for a voltage (V)
 * @param scale volts or amperes per integer unit (PHUNIT x 1e-5, or CFG-3's PHSCALE factor); unused for floats
 * @param angleOffset CFG-3's angle offset in radians, added to integer angles; 0 for CFG-1/2
 */
public record PhasorChannel(String name, boolean isCurrent, double scale, double angleOffset) {}
