// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonParseException;

/**
 * Mr. Plotter's {@code tagconfig.json}: a JSON object from tag to the list of path prefixes it may read, e.g.
 * {@code {"public": ["/upmu"], "lbnl": ["/lbnl"]}}. Stateless.
 */
final class TagConfig {

    private TagConfig() {}

    /**
     * The tags and prefixes of {@code json}, in file order.
     *
     * @throws MigrationException when the text is no JSON object of string lists, naming the tag or the parse error
     */
    static Map<String, List<String>> parse(String json, String file) throws MigrationException {
        BsonDocument doc;
        try {
            doc = BsonDocument.parse(json);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new MigrationException("tagconfig.json is no JSON object [file=" + file + "]", e);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!e.getValue().isArray()) {
                throw new MigrationException(
                        "tagconfig.json tag is no list of path prefixes [file=" + file + ", tag=" + e.getKey() + "]");
            }
            List<String> prefixes = new ArrayList<>();
            for (BsonValue v : e.getValue().asArray()) {
                if (!v.isString() || !v.asString().getValue().startsWith("/")) {
                    throw new MigrationException("tagconfig.json prefix must be a path starting with / [file=" + file
                            + ", tag=" + e.getKey() + ", prefix=" + v + "]");
                }
                prefixes.add(v.asString().getValue());
            }
            out.put(e.getKey(), prefixes);
        }
        return out;
    }
}
