// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import static io.qss.dat.internal.codec.DatLayout.INTERVAL_OFFSET;
import static io.qss.dat.internal.codec.DatLayout.TIMESTAMP_OFFSET;
import static io.qss.dat.internal.codec.DatLayout.getFloat;
import static io.qss.dat.internal.codec.DatLayout.getInt;

import io.qss.dat.DatDecodeOptions;
import io.qss.dat.DatFormat;
import io.qss.dat.DatTimestamp;

/** Judges a record header: interval, calendar fields, year window. Failure paths may allocate, the happy path not. */
final class HeaderCheck {
    /** A header problem: what failed plus its key=value details. */
    record Problem(String what, String details, boolean isMisaligned) {}

    private final int minYear;
    private final int maxYear;

    HeaderCheck(DatDecodeOptions options) {
        this.minYear = options.minYear();
        this.maxYear = options.maxYear();
    }

    /** An interval is "about 8.33 ms" when it implies 120 samples per second, as ingesters compute it. */
    static boolean isIntervalPlausible(float intervalMillis) {
        double perSecond = 1000.0 / intervalMillis;
        return perSecond >= 119.5 && perSecond < 120.5;
    }

    boolean isDatePlausible(byte[] buf, int base) {
        int year = getInt(buf, base + TIMESTAMP_OFFSET);
        return year >= minYear && year <= maxYear && dateProblem(buf, base) == null;
    }

    boolean isPlausible(byte[] buf, int base) {
        return isIntervalPlausible(getFloat(buf, base + INTERVAL_OFFSET)) && isDatePlausible(buf, base);
    }

    /** The problem of the header at {@code base}, or null when it is acceptable. */
    Problem check(byte[] buf, int base) {
        float interval = getFloat(buf, base + INTERVAL_OFFSET);
        boolean isIntervalBad = !isIntervalPlausible(interval);
        String date = yearOrDateProblem(buf, base);
        if (isIntervalBad) {
            String details = "interval=" + interval + ", expected=" + DatFormat.NOMINAL_INTERVAL_MILLIS
                    + (date == null ? "" : ", " + date);
            return new Problem("interval not about 8.33 ms", details, date != null);
        }
        if (date == null) {
            return null;
        }
        String what = date.startsWith("year=") ? "year outside window" : "timestamp field out of range";
        return new Problem(what, date, false);
    }

    private String yearOrDateProblem(byte[] buf, int base) {
        int year = getInt(buf, base + TIMESTAMP_OFFSET);
        if (year < minYear || year > maxYear) {
            return "year=" + year + ", minYear=" + minYear + ", maxYear=" + maxYear;
        }
        return dateProblem(buf, base);
    }

    private static String dateProblem(byte[] buf, int base) {
        int at = base + TIMESTAMP_OFFSET;
        int year = getInt(buf, at);
        int month = getInt(buf, at + 4);
        int day = getInt(buf, at + 8);
        int hour = getInt(buf, at + 12);
        int minute = getInt(buf, at + 16);
        int second = getInt(buf, at + 20);
        if (month < 1 || month > 12) {
            return "month=" + month;
        }
        if (day < 1 || day > DatTimestamp.daysInMonth(year, month)) {
            return "day=" + day + ", month=" + month;
        }
        if (hour < 0 || hour > 23) {
            return "hour=" + hour;
        }
        if (minute < 0 || minute > 59) {
            return "minute=" + minute;
        }
        return second < 0 || second > 59 ? "second=" + second : null;
    }
}
