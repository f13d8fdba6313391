// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Argument checks with BTrDB 4.x limits and error codes. */
final class Validation {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.]*");
    private static final int MAX_ANNOTATIONS = 64;

    private Validation() {}

    static void collection(String collection) throws StoreException {
        if (collection == null || collection.isEmpty() || utf8(collection) > 255 || collection.indexOf('\0') >= 0) {
            throw new StoreException(
                    ErrorCode.INVALID_COLLECTION,
                    "collection invalid, must be 1-255 bytes without NUL [collection=" + collection + "]");
        }
    }

    static void tags(Map<String, String> tags) throws StoreException {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            key(e.getKey());
            String v = e.getValue();
            if (v == null || v.isEmpty() || utf8(v) > 255 || v.indexOf('\0') >= 0) {
                throw new StoreException(
                        ErrorCode.INVALID_TAG_VALUE,
                        "tag value invalid, must be 1-255 bytes without NUL [key=" + e.getKey() + "]");
            }
        }
    }

    static void annotations(Map<String, String> annotations) throws StoreException {
        if (annotations.size() > MAX_ANNOTATIONS) {
            throw new StoreException(
                    ErrorCode.ANNOTATION_TOO_BIG,
                    "too many annotations [count=" + annotations.size() + ", max=" + MAX_ANNOTATIONS + "]");
        }
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            key(e.getKey());
            if (e.getValue() == null || utf8(e.getValue()) >= 256) {
                throw new StoreException(
                        ErrorCode.ANNOTATION_TOO_BIG,
                        "annotation value invalid, must be under 256 bytes [key=" + e.getKey() + "]");
            }
        }
    }

    private static void key(String key) throws StoreException {
        if (key == null || utf8(key) >= 64 || !KEY.matcher(key).matches()) {
            throw new StoreException(
                    ErrorCode.INVALID_TAG_KEY,
                    "key invalid, must match [a-z][a-z0-9_.]* and be under 64 bytes [key=" + key + "]");
        }
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void range(UUID uuid, long start, long end) throws StoreException {
        if (start >= end || start < TimeSeriesStore.MIN_TIME || end > TimeSeriesStore.MAX_TIME) {
            throw new StoreException(
                    ErrorCode.INVALID_TIME_RANGE,
                    "time range invalid [stream=" + uuid + ", start=" + start + ", end=" + end + "]");
        }
    }

    static void pointWidth(UUID uuid, int pw) throws StoreException {
        if (pw < 0 || pw > 63) {
            throw new StoreException(
                    ErrorCode.INVALID_POINT_WIDTH,
                    "point width out of range 0..63 [stream=" + uuid + ", pointWidth=" + pw + "]");
        }
    }

    static void points(UUID uuid, long[] times, double[] values, int offset, int length, int max)
            throws StoreException {
        if (times == null
                || values == null
                || offset < 0
                || length < 0
                || offset + length > times.length
                || offset + length > values.length) {
            throw new StoreException(
                    ErrorCode.WRONG_ARGS,
                    "insert arrays do not match offset and length [stream=" + uuid + ", offset=" + offset + ", length="
                            + length + "]");
        }
        if (length > max) {
            throw new StoreException(
                    ErrorCode.INSERT_TOO_BIG,
                    "insert too big [stream=" + uuid + ", points=" + length + ", max=" + max + "]");
        }
        for (int i = offset; i < offset + length; i++) {
            long t = times[i];
            if (t < TimeSeriesStore.MIN_TIME || t >= TimeSeriesStore.MAX_TIME) {
                throw new StoreException(
                        ErrorCode.INVALID_TIME_RANGE,
                        "insert time out of range [stream=" + uuid + ", index=" + i + ", time=" + t + "]");
            }
            if (!Double.isFinite(values[i])) {
                throw new StoreException(
                        ErrorCode.BAD_VALUE,
                        "insert value is NaN or infinite [stream=" + uuid + ", index=" + i + ", time=" + t + ", value="
                                + values[i] + "]");
            }
        }
    }
}
