// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The timestamp of a record's first sample exactly as stored: six UTC fields, whole seconds. The fields are raw
 * and may be out of range in a malformed record; {@link #isValid()} tells.
 */
public record DatTimestamp(int year, int month, int day, int hour, int minute, int second) {

    /** The fields of the UTC second {@code epochSecond}. */
    public static DatTimestamp ofEpochSecond(long epochSecond) {
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
        return new DatTimestamp(
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    /** Whether every field is in its calendar range (any year; day checked against the month's length). */
    public boolean isValid() {
        return month >= 1
                && month <= 12
                && day >= 1
                && day <= daysInMonth(year, month)
                && hour >= 0
                && hour <= 23
                && minute >= 0
                && minute <= 59
                && second >= 0
                && second <= 59;
    }

    /** Seconds since the Unix epoch; meaningful only when {@link #isValid()}. */
    public long epochSecond() {
        return epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date, without allocating (hot path of the decoder). */
    public static long epochDay(int year, int month, int day) {
        // Count years from March so that the leap day is the last day of the shifted year.
        long y = month <= 2 ? (long) year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long shiftedMonth = (month + 9) % 12;
        long dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Length of a month (1-12) of the given year; 0 for an invalid month. */
    public static int daysInMonth(int year, int month) {
        return switch (month) {
            case 1, 3, 5, 7, 8, 10, 12 -> 31;
            case 4, 6, 9, 11 -> 30;
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
    }
}
