// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.util.List;

/**
 * The 19 canonical uPMU streams, in the canonical order: the 13 base streams, then the six streams that only
 * extended ("expansion set one") records carry. {@link #ordinal()} is the stream's index in that order.
 */
public enum DatStream {
    L1MAG("V"),
    L1ANG("deg"),
    L2MAG("V"),
    L2ANG("deg"),
    L3MAG("V"),
    L3ANG("deg"),
    C1MAG("A"),
    C1ANG("deg"),
    C2MAG("A"),
    C2ANG("deg"),
    C3MAG("A"),
    C3ANG("deg"),
    LSTATE("bitmap"),
    FUND_W("W"),
    FUND_VAR("VAR"),
    FUND_VA("VA"),
    FUND_DPF("PF"),
    FREQ_L1_1S("Hz"),
    FREQ_L1_C37("Hz");

    /** Number of streams in a base record. */
    public static final int BASE_COUNT = 13;
    /** Number of streams in an extended record. */
    public static final int EXTENDED_COUNT = 19;

    private static final List<DatStream> ALL = List.of(values());
    private static final List<DatStream> BASE = ALL.subList(0, BASE_COUNT);

    private final String unit;

    DatStream(String unit) {
        this.unit = unit;
    }

    /** The canonical stream name, e.g. {@code L1MAG}; same as {@link #name()}. */
    public String streamName() {
        return name();
    }

    /** Unit of measure: V, A, deg, bitmap (LSTATE), W, VAR, VA, PF (dimensionless) or Hz; never null. */
    public String unit() {
        return unit;
    }

    /** Whether only extended records carry this stream. */
    public boolean isExtended() {
        return ordinal() >= BASE_COUNT;
    }

    /** Whether the value is an integer status word rather than a float32 measurement. */
    public boolean isStatus() {
        return this == LSTATE;
    }

    /** The streams a record carries, in canonical order: 13 for base records, 19 for extended ones. */
    public static List<DatStream> streams(boolean isExtended) {
        return isExtended ? ALL : BASE;
    }
}
