// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Saved views in {@code mr_plotter.permalinks}: {@code {_id: ObjectId, permalinkData: <the view>, created,
 * lastAccessed}}, as Mr. Plotter kept them (with {@code lastAccessed} updated on each read). Thread-safe.
 */
final class Permalinks {

    private final MongoCollection<Document> collection;
    private final Clock clock;

    Permalinks(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    /** Stores a view given as a JSON object and returns its id (24 hex digits). */
    String save(String json) throws ApiException {
        Document view = JsonObjects.parse(json, "permalink");
        if (!(view.get("streams") instanceof java.util.List<?>)) {
            throw ApiException.badRequest("permalink needs a list of streams [field=streams]");
        }
        ObjectId id = new ObjectId();
        Date now = new Date(clock.millis());
        collection.insertOne(new Document("_id", id).append("permalinkData", view).append("created", now)
                .append("lastAccessed", now));
        return id.toHexString();
    }

    /** The view saved under {@code id} as JSON, or empty when there is none. */
    Optional<String> load(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Document stored = collection.findOneAndUpdate(Filters.eq("_id", new ObjectId(id)),
                Updates.set("lastAccessed", new Date(clock.millis())));
        if (stored == null || !(stored.get("permalinkData") instanceof Document view)) {
            return Optional.empty();
        }
        return Optional.of(view.toJson());
    }
}
