// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.internal.JsonBody.Num;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON body of {@code /directcsv}, {@code /wrappedcsv} and {@code /alignedcsv}:
 * {@code {"UUIDS": [...], "Labels": [...], "StartTime": int, "EndTime": int, "UnitofTime": "ns", "PointWidth": pw}}
 * (or {@code "WindowWidth": ns} for aligned CSV), with keys matched case-insensitively.
 *
 * @param uuids the streams, in column order
 * @param labels one label per stream
 * @param start start in ns
 * @param end end in ns
 * @param pointWidth 0..62, or -1 for window mode
 * @param windowWidth window width in ns (window mode), else 0
 */
record CsvRequest(List<UUID> uuids, List<String> labels, long start, long end, int pointWidth, long windowWidth) {

    private static final long MAX_WINDOW = 365L * 24 * 3600 * 1_000_000_000L;

    static CsvRequest parse(String body, boolean isWindowed) throws RestException {
        Map<?, ?> json;
        try {
            json = JsonBody.parse(body) instanceof Map<?, ?> map ? map : null;
        } catch (IOException e) {
            json = null;
        }
        if (json == null) {
            throw RestException.badRequest("bad request");
        }
        List<UUID> uuids = new ArrayList<>();
        for (Object uuid : list(json, "UUIDS")) {
            uuids.add(TimeUnits.uuid(uuid instanceof String s ? s : ""));
        }
        List<String> labels = new ArrayList<>();
        for (Object label : list(json, "Labels")) {
            labels.add(label instanceof String s ? s : String.valueOf(label));
        }
        if (uuids.size() != labels.size()) {
            throw RestException.badRequest("UUIDS and Labels must be the same length");
        }
        Object unit = JsonBody.field(json, "UnitofTime");
        long divisor = TimeUnits.divisor(unit instanceof String s ? s : "");
        long start = TimeUnits.scale(integer(json, "StartTime"), divisor, "start");
        long end = TimeUnits.scale(integer(json, "EndTime"), divisor, "end");
        if (!isWindowed) {
            long pw = integer(json, "PointWidth");
            if (pw < 0 || pw > 62) {
                throw RestException.badRequest("PointWidth must be between 0 and 63");
            }
            return new CsvRequest(uuids, labels, start, end, (int) pw, 0);
        }
        long width = integer(json, "WindowWidth");
        if (width < 1 || width > MAX_WINDOW) {
            throw RestException.badRequest("WindowWidth must be between 1 ns and 365 days");
        }
        if (start + width > end) {
            throw RestException.badRequest("StartTime + WindowWidth must not be after EndTime");
        }
        return new CsvRequest(uuids, labels, start, end, -1, width);
    }

    private static List<?> list(Map<?, ?> json, String key) throws RestException {
        Object value = JsonBody.field(json, key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw RestException.badRequest("bad request");
    }

    private static long integer(Map<?, ?> json, String key) throws RestException {
        Object value = JsonBody.field(json, key);
        if (value == null) {
            return 0;
        }
        try {
            if (value instanceof Num num && num.isIntegral()) {
                return Long.parseLong(num.text());
            }
        } catch (NumberFormatException e) {
            throw RestException.badRequest("bad request");
        }
        throw RestException.badRequest("bad request");
    }
}
