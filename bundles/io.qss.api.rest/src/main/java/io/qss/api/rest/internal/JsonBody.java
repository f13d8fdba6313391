// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies parsed into plain values: {@code Map<String, Object>} (insertion order), {@code List<Object>},
 * {@link Num} (the number's text, so integers keep all 64 bits), {@code String}, {@code Boolean} or null. Keys are
 * looked up case-insensitively, as Go's {@code encoding/json} matches them. Stateless.
 */
final class JsonBody {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * A JSON number as written.
     *
     * @param text the number's text
     * @param isIntegral true when it has no fraction or exponent
     */
    record Num(String text, boolean isIntegral) {}

    private JsonBody() {}

    /** Parses one JSON value; malformed input or trailing content throws. */
    static Object parse(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty body");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return value;
        }
    }

    static Object parse(String text) throws IOException {
        return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value of {@code key} in {@code object}, matched case-insensitively; null when absent. */
    static Object field(Map<?, ?> object, String key) {
        Object exact = object.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (key.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t));
                }
                return array;
            case VALUE_NUMBER_INT:
                return new Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT:
                return new Num(parser.getText(), false);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token [token=" + token + "]");
        }
    }
}
