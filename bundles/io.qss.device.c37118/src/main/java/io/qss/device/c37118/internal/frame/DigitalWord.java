// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.util.List;

/**
 * One 16-bit digital status word of a PMU's configuration.
 *
 * @param names the 16 bit labels, trimmed, bit 0 first... as sent (the standard lists them in word order)
 * @param normalMask DIGUNIT's first word: the bits' normal state
 * @param validMask DIGUNIT's second word: which bits are in use
 */
public record DigitalWord(List<String> names, int normalMask, int validMask) {

    public DigitalWord {
        names = List.copyOf(names);
    }
}
