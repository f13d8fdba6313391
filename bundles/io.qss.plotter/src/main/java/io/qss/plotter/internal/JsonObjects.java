// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Request bodies that must be one JSON object, read strictly into a {@link Document} of plain values (strings,
 * numbers, booleans, null, lists, documents): no MongoDB extended JSON ({@code $date}, {@code $oid}) is interpreted,
 * nesting is bounded and field names that MongoDB would treat as operators or paths are refused, so whatever is
 * accepted can be stored as it came. Any other input is a 400 with a short message. Stateless.
 */
final class JsonObjects {

    static final int MAX_DEPTH = 32;
    private static final JsonFactory JSON = new JsonFactory();

    private JsonObjects() {}

    /** The object {@code text} holds; {@code what} names it in the error ("request body", "permalink"). */
    static Document parse(String text, String what) throws ApiException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(what);
            }
            Document object = object(parser, what, 1);
            if (parser.nextToken() != null) {
                throw ApiException.badRequest(what + " has content after its JSON object");
            }
            return object;
        } catch (IOException e) {
            throw notAnObject(what);
        }
    }

    private static ApiException notAnObject(String what) {
        return ApiException.badRequest(what + " is not a JSON object");
    }

    private static Document object(JsonParser parser, String what, int depth) throws IOException, ApiException {
        Document object = new Document();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            if (name.isEmpty() || name.startsWith("$") || name.indexOf('.') >= 0 || name.indexOf('\0') >= 0) {
                throw ApiException.badRequest(what + " has a field name that cannot be stored (empty, starting "
                        + "with $, or holding . or NUL)");
            }
            object.put(name, value(parser, parser.nextToken(), what, depth));
        }
        return object;
    }

    private static Object value(JsonParser parser, JsonToken token, String what, int depth)
            throws IOException, ApiException {
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw ApiException.badRequest(what + " is nested too deeply [max=" + MAX_DEPTH + "]");
        }
        switch (token) {
            case START_OBJECT:
                return object(parser, what, depth + 1);
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t, what, depth + 1));
                }
                return array;
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getDoubleValue()
                        : parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_STRING:
                return parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw ApiException.badRequest(what + " is not a JSON object");
        }
    }
}
