// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.internal.JsonBody.Num;
import io.qss.store.api.TimeSeriesStore;
import java.util.List;

/**
 * Points of an sMAP insert ({@code /data/legacyadd}), parsed from 3.x {@code Readings} ({@code [[time, value], ...]})
 * with its error texts. Points that 3.x dropped silently (NaN or infinite values, times outside the storable range)
 * are left out. Not thread-safe.
 */
final class Readings {

    final long[] times;
    final double[] values;
    int size;

    private Readings(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    /** Parses readings whose times are in units of {@code multiplier} ns; boolean values count as 1 and 0 (sMAP). */
    static Readings parse(Object readings, long multiplier) throws RestException {
        List<?> list = readings instanceof List<?> l ? l : List.of();
        Readings out = new Readings(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw RestException.badRequest("reading " + i + " is malformed");
            }
            long time = time(pair.get(0), i, multiplier);
            double value = value(pair.get(1), i);
            if (Double.isFinite(value) && time >= TimeSeriesStore.MIN_TIME && time < TimeSeriesStore.MAX_TIME) {
                out.times[out.size] = time;
                out.values[out.size] = value;
                out.size++;
            }
        }
        return out;
    }

    private static long time(Object item, int i, long multiplier) throws RestException {
        String text = item instanceof Num num ? num.text() : String.valueOf(item);
        try {
            if (item instanceof Num num && num.isIntegral()) {
                return Math.multiplyExact(Long.parseLong(text), multiplier);
            }
            if (item instanceof Num && multiplier > 1) {
                return (long) (Double.parseDouble(text) * multiplier);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw RestException.badRequest(
                    "reading " + i + " time malformed: strconv.ParseInt: parsing \"" + text + "\": value out of range");
        }
        throw RestException.badRequest(
                "reading " + i + " time malformed: strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
    }

    private static double value(Object item, int i) throws RestException {
        if (item instanceof Num num) {
            return Double.parseDouble(num.text());
        }
        if (item instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        throw RestException.badRequest(
                "value " + i + " malformed: strconv.ParseFloat: parsing \"" + item + "\": invalid syntax");
    }
}
