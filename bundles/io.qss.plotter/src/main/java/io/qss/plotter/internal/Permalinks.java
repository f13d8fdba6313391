// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Saved views in {@code mr_plotter.permalinks}: {@code {_id: ObjectId, permalinkData: <the view>, created,
 * lastAccessed}}, as Mr. Plotter kept them (with {@code lastAccessed} updated on each read). A view is stored as
 * it was sent and answered with unusable axis ranges left out. A permalink is found by its 24-hex id or by the
 * base64url id Mr. Plotter gave the same ObjectId. Thread-safe.
 */
final class Permalinks {

    private static final Pattern OLD_LINK_ID = Pattern.compile("[A-Za-z0-9_-]{16}");

    private final MongoCollection<Document> collection;
    private final Clock clock;

    Permalinks(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    /** Stores a view given as a JSON object and returns its id (24 hex digits). */
    String save(String json) throws ApiException {
        Document view = JsonObjects.parse(json, "permalink");
        if (!(view.get("streams") instanceof List<?>)) {
            throw ApiException.badRequest("permalink needs a list of streams [field=streams]");
        }
        ObjectId id = new ObjectId();
        Date now = new Date(clock.millis());
        collection.insertOne(new Document("_id", id)
                .append("permalinkData", view)
                .append("created", now)
                .append("lastAccessed", now));
        return id.toHexString();
    }

    /**
     * The view saved under {@code id} as JSON, or empty when there is none. An axis whose min and max do not make a
     * range (either missing, null, not a number, or min not below max) is answered without them, so it opens
     * scaled to the data: pages before that check stored {@code "min": null, "max": null} for such axes.
     */
    Optional<String> load(String id) {
        Optional<ObjectId> objectId = objectId(id);
        if (objectId.isEmpty()) {
            return Optional.empty();
        }
        Document stored = collection.findOneAndUpdate(
                Filters.eq("_id", objectId.get()), Updates.set("lastAccessed", new Date(clock.millis())));
        if (stored == null || !(stored.get("permalinkData") instanceof Document view)) {
            return Optional.empty();
        }
        return Optional.of(withAxisRanges(view).toJson());
    }

    /**
     * The ObjectId an id names: 24 hex digits (qss), or the 16 base64url characters Mr. Plotter put in its links
     * (the same 12 bytes), so links from a migrated Quickstart Server keep working.
     */
    static Optional<ObjectId> objectId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (ObjectId.isValid(id)) {
            return Optional.of(new ObjectId(id));
        }
        if (OLD_LINK_ID.matcher(id).matches()) {
            return Optional.of(new ObjectId(Base64.getUrlDecoder().decode(id)));
        }
        return Optional.empty();
    }

    private static Document withAxisRanges(Document view) {
        if (view.get("axes") instanceof List<?> axes) {
            for (Object axis : axes) {
                if (axis instanceof Document a && !isRange(a.get("min"), a.get("max"))) {
                    a.remove("min");
                    a.remove("max");
                }
            }
        }
        return view;
    }

    private static boolean isRange(Object min, Object max) {
        return min instanceof Number lo
                && max instanceof Number hi
                && Double.isFinite(lo.doubleValue())
                && Double.isFinite(hi.doubleValue())
                && lo.doubleValue() < hi.doubleValue();
    }
}
