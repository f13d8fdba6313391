// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Floats as BTrDB 3.x printed them (Go 1.6): JSON numbers with {@code strconv.FormatFloat(f, 'g', -1, 64)} (shortest
 * digits, exponent form when the decimal exponent is below -4 or at least 6, e.g. {@code 1.2345675e+06}) and CSV
 * cells with {@code %f} (exactly rounded to 6 decimals). Stateless.
 */
public final class GoFormat {

    private GoFormat() {}

    /** Go's {@code %g} with shortest precision; values are finite. */
    public static String json(double value) {
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
        }
        String java = DoubleToDecimal.toString(value);
        boolean negative = java.charAt(0) == '-';
        String plain = negative ? java.substring(1) : java;
        int e = plain.indexOf('E');
        String mantissa = e < 0 ? plain : plain.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(plain.substring(e + 1));
        int point = mantissa.indexOf('.');
        String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
        int decimalPoint = point + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        decimalPoint -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        int exp = decimalPoint - 1;
        return (exp < -4 || exp >= 6 ? exponentForm(out, digits, exp) : fixedForm(out, digits, decimalPoint))
                .toString();
    }

    /** Go's {@code %f}: exactly rounded to 6 decimals (half-even), {@code -0.000000} kept. */
    public static String fixed6(double value) {
        String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return value < 0 || (value == 0 && Double.doubleToRawLongBits(value) < 0)
                ? (text.startsWith("-") ? text : "-" + text)
                : text;
    }

    private static StringBuilder exponentForm(StringBuilder out, String digits, int exp) {
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs);
    }

    private static StringBuilder fixedForm(StringBuilder out, String digits, int decimalPoint) {
        if (decimalPoint <= 0) {
            out.append("0.");
            out.append("0".repeat(-decimalPoint));
            return out.append(digits);
        }
        if (decimalPoint >= digits.length()) {
            out.append(digits);
            return out.append("0".repeat(decimalPoint - digits.length()));
        }
        return out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
    }
}
