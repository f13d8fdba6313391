// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.UUID;

/**
 * Streaming parser of a {@code /data/add} body ({@code {"uuid": "...", "Readings": [[ns, value], ...]}}, keys in any
 * order and case) straight into time and value arrays, so a large insert costs 16 bytes a point while it is parsed.
 * Errors are reported in 3.x order: malformed JSON, then the UUID, then the first bad reading. Points 3.x dropped
 * silently (non-finite values, times outside the storable range) are left out. One use; not thread-safe.
 */
final class AddParser {

    private static final JsonFactory JSON = new JsonFactory();

    long[] times = new long[1024];
    double[] values = new double[1024];
    int size;
    int readings;
    private String uuidText;
    private String readingError;

    private AddParser() {}

    /** Parses the body; the result's {@link #uuid()} checks the UUID and reports a bad reading. */
    static AddParser parse(InputStream body) throws RestException {
        AddParser parser = new AddParser();
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw RestException.badRequest("malformed quasar HTTP insert");
            }
            for (JsonToken t = json.nextToken(); t != JsonToken.END_OBJECT; t = json.nextToken()) {
                parser.field(json, json.currentName(), json.nextToken());
            }
            if (json.nextToken() != null) {
                throw RestException.badRequest("malformed quasar HTTP insert");
            }
        } catch (IOException e) {
            throw RestException.badRequest("malformed quasar HTTP insert");
        }
        return parser;
    }

    /** The stream's UUID; throws the UUID's error or, failing that, the first bad reading's. */
    UUID uuid() throws RestException {
        UUID uuid = TimeUnits.uuid(uuidText == null ? "" : uuidText);
        if (readingError != null) {
            throw RestException.badRequest(readingError);
        }
        return uuid;
    }

    private void field(JsonParser json, String name, JsonToken value) throws IOException {
        if ("uuid".equalsIgnoreCase(name)) {
            uuidText = value == JsonToken.VALUE_STRING ? json.getText() : "";
            json.skipChildren();
        } else if ("readings".equalsIgnoreCase(name) && value == JsonToken.START_ARRAY) {
            for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
                reading(json, t, readings++);
            }
        } else {
            json.skipChildren();
        }
    }

    private void reading(JsonParser json, JsonToken start, int i) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            json.skipChildren();
            fail("reading " + i + " is malformed");
            return;
        }
        JsonToken timeToken = next(json);
        String timeText = json.getText();
        JsonToken valueToken = timeToken == JsonToken.END_ARRAY ? JsonToken.END_ARRAY : next(json);
        String valueText = json.getText();
        if (valueToken == JsonToken.END_ARRAY) {
            fail("reading " + i + " is malformed");
            return;
        }
        if (next(json) != JsonToken.END_ARRAY) {
            while (next(json) != JsonToken.END_ARRAY) {
                // skip the surplus items of this reading
            }
            fail("reading " + i + " is malformed");
            return;
        }
        if (timeToken != JsonToken.VALUE_NUMBER_INT) {
            fail("reading " + i + " time malformed: strconv.ParseInt: parsing \"" + timeText + "\": invalid syntax");
            return;
        }
        if (valueToken != JsonToken.VALUE_NUMBER_INT && valueToken != JsonToken.VALUE_NUMBER_FLOAT) {
            fail("value " + i + " malformed: strconv.ParseFloat: parsing \"" + valueText + "\": invalid syntax");
            return;
        }
        add(i, timeText, Double.parseDouble(valueText));
    }

    private void add(int i, String timeText, double value) {
        long time;
        try {
            time = Long.parseLong(timeText);
        } catch (NumberFormatException e) {
            fail("reading " + i + " time malformed: strconv.ParseInt: parsing \"" + timeText
                    + "\": value out of range");
            return;
        }
        if (!Double.isFinite(value) || time < TimeSeriesStore.MIN_TIME || time >= TimeSeriesStore.MAX_TIME) {
            return;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    /** The next token, skipping a nested structure's contents so its end token is what follows. */
    private static JsonToken next(JsonParser json) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            json.skipChildren();
        }
        return token;
    }

    private void fail(String message) {
        if (readingError == null) {
            readingError = message;
        }
    }
}
