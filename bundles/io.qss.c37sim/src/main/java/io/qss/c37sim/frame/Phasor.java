// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * A phasor channel: its 16-character name, whether it is a current (else a voltage), and its PHUNIT scale: the
 * value of one integer step in 10^-5 V or A (0..2^24-1; ignored by receivers for float phasors).
 */
public record Phasor(String name, boolean isCurrent, int scale) {
    public Phasor {
        ChannelNames.check(name);
        if (scale < 1 || scale > 0xFFFFFF) {
            throw new IllegalArgumentException(
                    "phasor scale out of range [name=" + name + ", scale=" + scale + ", range=1..16777215]");
        }
    }

    /** The PHUNIT word: MSB 0 voltage, 1 current; low 24 bits the scale. */
    public int phunit() {
        return (isCurrent ? 0x01000000 : 0) | scale;
    }

    /** The value of one integer step, V or A. */
    public double step() {
        return scale * 1e-5;
    }
}
