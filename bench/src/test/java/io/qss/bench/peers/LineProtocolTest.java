// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void writesPlainShortDecimals() {
        assertEquals("7200.25", LineProtocol.formatFloat(7200.25f));
        assertEquals("0.1", LineProtocol.formatFloat(0.1f));
        assertEquals("-179.99", LineProtocol.formatFloat(-179.99f));
        assertEquals("1", LineProtocol.formatFloat(1f));
        assertEquals("120000000", LineProtocol.formatFloat(1.2e8f));
        assertEquals("0.00001", LineProtocol.formatFloat(1e-5f));
        assertEquals("0", LineProtocol.formatFloat(0f));
        assertEquals("-0", LineProtocol.formatFloat(-0f));
    }

    /** Values where JDK 17's Float.toString carries a digit too many, or its shorter rounding does not read back. */
    @Test
    void shortensWhereFloatToStringIsLonger() {
        assertEquals("0.002", LineProtocol.formatFloat(2.0e-3f));
        assertEquals(shortestByBigDecimal(1.0E23f), LineProtocol.formatFloat(1.0E23f));
        assertEquals(shortestByBigDecimal(8.41E21f), LineProtocol.formatFloat(8.41E21f));
        assertEquals("9446152000000", LineProtocol.formatFloat(9.4461525E12f));
    }

    @Test
    void isShortestAndExactForRandomFloatsOfEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(value)) {
                continue;
            }
            String text = LineProtocol.formatFloat(value);
            assertEquals(value, Float.parseFloat(text), text);
            assertFalse(text.contains("E"), text);
            assertEquals(
                    significantDigits(shortestByBigDecimal(value)),
                    significantDigits(text),
                    "not shortest for " + value + ": " + text);
        }
    }

    @Test
    void isShortestForUpmuLikeValues() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            float value = (float) (random.nextDouble(-180, 180) * (i % 2 == 0 ? 1 : 40));
            String text = LineProtocol.formatFloat(value);
            assertEquals(value, Float.parseFloat(text), text);
            assertEquals(significantDigits(shortestByBigDecimal(value)), significantDigits(text), text);
        }
    }

    @Test
    void refusesWhatLineProtocolCannotCarry() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LineProtocol.formatFloat(Float.NaN));
        assertTrue(e.getMessage().contains("value=NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineProtocol.formatFloat(Float.NEGATIVE_INFINITY));
    }

    @Test
    void writesAWideUpmuLine() {
        Workload workload = Workload.generate(1, 1);
        StringBuilder line = new StringBuilder();
        LineProtocolPeer.upmuLine(line, workload, 1, 1);
        String text = line.toString();
        assertTrue(text.startsWith("upmu,device=P3500001 L1MAG="), text);
        assertTrue(text.endsWith(",LSTATE=1 1767225600008333333\n"), text);
        assertEquals(13, text.split("=").length - 2, text);
        int l1At = text.indexOf("L1MAG=") + 6;
        String l1 = text.substring(l1At, text.indexOf(',', l1At));
        assertEquals(workload.upmu[1][0][1], Float.parseFloat(l1));
    }

    /** The reference: the fewest significant digits whose nearest decimal rounds back to {@code value}. */
    private static String shortestByBigDecimal(float value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 9; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.floatValue() == value) {
                return rounded.toPlainString();
            }
        }
        return exact.toPlainString();
    }

    private static int significantDigits(String text) {
        String digits =
                text.replace("-", "").replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, digits.length());
    }
}
