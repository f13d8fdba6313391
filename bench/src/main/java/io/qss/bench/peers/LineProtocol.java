// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

/**
 * Influx line protocol as QuestDB, InfluxDB and VictoriaMetrics all accept it. A float32 value is written as the
 * shortest plain decimal that reads back as the same float32, so every peer receives exactly the value qss stores
 * and no peer is charged for digits the data does not have.
 */
final class LineProtocol {

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private LineProtocol() {}

    /**
     * Appends the shortest plain decimal (no exponent) that parses back to {@code value} as a float32.
     *
     * @throws IllegalArgumentException for NaN and infinities, which line protocol cannot carry
     */
    static StringBuilder appendFloat(StringBuilder out, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("line protocol has no non-finite floats [value=" + value + "]");
        }
        if (value == 0) {
            return out.append(Float.floatToRawIntBits(value) < 0 ? "-0" : "0");
        }
        Decimal decimal = Decimal.shortest(value);
        if (value < 0) {
            out.append('-');
        }
        return decimal.appendPlain(out);
    }

    /** {@code value} as {@link #appendFloat} writes it. */
    static String formatFloat(float value) {
        return appendFloat(new StringBuilder(16), value).toString();
    }

    /** A positive decimal {@code digits * 10^exponent} with no trailing zeros in {@code digits}. */
    record Decimal(long digits, int exponent) {

        /**
         * The shortest decimal that rounds to {@code value}. Float.toString always round-trips; before JDK 19 it
         * may carry a digit more than needed, so shorter decimals are tried, the nearer rounding first.
         */
        static Decimal shortest(float value) {
            float magnitude = Math.abs(value);
            Decimal candidate = parse(Float.toString(magnitude));
            while (candidate.digitCount() > 1) {
                Decimal shorter = candidate.shorter(magnitude);
                if (shorter == null) {
                    break;
                }
                candidate = shorter;
            }
            return candidate;
        }

        /** A decimal with one digit less that rounds to {@code magnitude}, or null. */
        private Decimal shorter(float magnitude) {
            Decimal down = normalized(digits / 10, exponent + 1);
            Decimal up = normalized(digits / 10 + 1, exponent + 1);
            boolean isUpNearer = digits % 10 >= 5;
            for (Decimal d : isUpNearer ? new Decimal[] {up, down} : new Decimal[] {down, up}) {
                if (d.digits != 0 && d.roundsTo(magnitude)) {
                    return d;
                }
            }
            return null;
        }

        /**
         * Whether this decimal reads back as {@code magnitude}. A quick test in double arithmetic (exact operands,
         * one correctly rounded operation) turns most candidates down without parsing; one it accepts is
         * confirmed by Float.parseFloat, since rounding twice (to double, then to float) could accept a wrong one.
         */
        boolean roundsTo(float magnitude) {
            if (Math.abs(exponent) <= 22 && digits < (1L << 53)) {
                double d = exponent >= 0 ? digits * POWERS_OF_TEN[exponent] : digits / POWERS_OF_TEN[-exponent];
                if ((float) d != magnitude && Math.abs(d - magnitude) > Math.ulp(magnitude)) {
                    return false;
                }
            }
            return Float.parseFloat(toPlain()) == magnitude;
        }

        /** Parses Float.toString's output: {@code d.ddd} or {@code d.dddE[-]x}. */
        static Decimal parse(String text) {
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String digitText = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            exponent -= mantissa.length() - dot - 1;
            return normalized(Long.parseLong(digitText), exponent);
        }

        static Decimal normalized(long digits, int exponent) {
            while (digits != 0 && digits % 10 == 0) {
                digits /= 10;
                exponent++;
            }
            return new Decimal(digits, exponent);
        }

        int digitCount() {
            return Long.toString(digits).length();
        }

        StringBuilder appendPlain(StringBuilder out) {
            String text = Long.toString(digits);
            if (exponent >= 0) {
                out.append(text);
                for (int i = 0; i < exponent; i++) {
                    out.append('0');
                }
                return out;
            }
            int point = text.length() + exponent;
            if (point > 0) {
                return out.append(text, 0, point).append('.').append(text, point, text.length());
            }
            out.append("0.");
            for (int i = point; i < 0; i++) {
                out.append('0');
            }
            return out.append(text);
        }

        String toPlain() {
            return appendPlain(new StringBuilder(16)).toString();
        }
    }
}
