// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

/** Zigzag mapping of signed to unsigned integers, so small magnitudes get few bits. */
public final class Varints {

    private Varints() {}

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
