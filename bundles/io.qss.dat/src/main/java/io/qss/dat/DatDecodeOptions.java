// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * Sanity window for record headers.
 *
 * @param minYear earliest accepted year (inclusive)
 * @param maxYear latest accepted year (inclusive)
 */
public record DatDecodeOptions(int minYear, int maxYear) {
    /** The default window, years 2000 to 2100. */
    public static final DatDecodeOptions DEFAULTS = new DatDecodeOptions(2000, 2100);

    public DatDecodeOptions {
        if (minYear > maxYear) {
            throw new IllegalArgumentException(
                    "year window is empty [minYear=" + minYear + ", maxYear=" + maxYear + "]");
        }
    }
}
