// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * Moves Mr. Plotter permalinks into qss's {@code mr_plotter.permalinks}. Mr. Plotter stored the view's fields at the
 * top of the document with {@code _id} and {@code lastAccessed}; qss keeps the view under {@code permalinkData}
 * with {@code created} and {@code lastAccessed}. The {@code _id} stays, so a link keeps its id: Mr. Plotter
 * showed it base64url-encoded ({@code ?id=}), qss as 24 hex digits; the plotter opens both. A permalink qss already
 * has is left alone. Stateless.
 */
final class PermalinkMigration {

    /**
     * What a run did.
     *
     * @param added permalinks copied
     * @param kept permalinks qss already had
     * @param problems documents not migrated, with why
     */
    record Outcome(int added, int kept, List<String> problems) {}

    private PermalinkMigration() {}

    static Outcome run(List<BsonDocument> docs, MongoCollection<BsonDocument> target) throws MigrationException {
        int added = 0;
        int kept = 0;
        List<String> problems = new ArrayList<>();
        for (BsonDocument doc : docs) {
            BsonValue id = doc.get("_id");
            BsonDocument view = view(doc);
            if (id == null || !id.isObjectId() || !view.isArray("streams")) {
                problems.add("permalink document lacks an ObjectId or a list of streams [_id=" + id + "]");
                continue;
            }
            try {
                if (target.find(Filters.eq("_id", id)).first() != null) {
                    kept++;
                    continue;
                }
                target.insertOne(stored(id.asObjectId().getValue(), view, doc.get("lastAccessed")));
                added++;
            } catch (MongoException e) {
                throw new MigrationException("storing a permalink failed [_id=" + id + "]", e);
            }
        }
        return new Outcome(added, kept, problems);
    }

    /** The id Mr. Plotter showed in links: the ObjectId's 12 bytes, base64url. */
    static String oldLinkId(ObjectId id) {
        return Base64.getUrlEncoder().encodeToString(id.toByteArray());
    }

    /** The view: the document without its bookkeeping, or its {@code permalinkData} when it is qss's own layout. */
    private static BsonDocument view(BsonDocument doc) {
        if (doc.isDocument("permalinkData")) {
            return doc.getDocument("permalinkData");
        }
        BsonDocument view = doc.clone();
        view.remove("_id");
        view.remove("lastAccessed");
        return view;
    }

    private static BsonDocument stored(ObjectId id, BsonDocument view, BsonValue lastAccessed) {
        BsonDateTime created = new BsonDateTime(id.getDate().getTime());
        return new BsonDocument("_id", new BsonObjectId(id))
                .append("permalinkData", view)
                .append("created", created)
                .append("lastAccessed", lastAccessed != null && lastAccessed.isDateTime() ? lastAccessed : created);
    }
}
