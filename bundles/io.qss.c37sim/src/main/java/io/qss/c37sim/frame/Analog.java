// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * An analog channel: its name, its kind (ANUNIT MSB: 0 single point-on-wave, 1 RMS, 2 peak) and its ANUNIT scale
 * (low 24 bits, signed): for integer analogs one step is worth {@code scale * 10^-5} of the channel's unit.
 */
public record Analog(String name, int kind, int scale) {
    public Analog {
        ChannelNames.check(name);
        if (kind < 0 || kind > 2 || scale < -0x800000 || scale > 0x7FFFFF || scale == 0) {
            throw new IllegalArgumentException(
                    "analog channel out of range [name=" + name + ", kind=" + kind + ", scale=" + scale + "]");
        }
    }

    public int anunit() {
        return (kind << 24) | (scale & 0xFFFFFF);
    }

    /** The value of one integer step. */
    public double step() {
        return scale * 1e-5;
    }
}
