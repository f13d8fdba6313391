// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.qss.sync.DeviceSyncStatus;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Sync's figures in {@code upmu_database.sync_status}, one document per device ({@code _id} = serial):
 * {@code serial_number}, {@code files_pending}, {@code files_synced}, {@code files_failed}, {@code points_synced},
 * {@code time_synced}, {@code oldest_pending}, {@code sync_error}, {@code config_mismatch}. Written by {@code _id}
 * and only when they changed. {@code latest_times} belongs to the receiver: sync only reads it, once, to carry over
 * the figures older versions kept there. Called from one thread.
 */
final class SyncStatusCollection {

    static final String DATABASE = "upmu_database";
    static final String COLLECTION = "sync_status";
    static final String LEGACY_COLLECTION = "latest_times";

    private final MongoClient client;
    private final MongoCollection<Document> collection;
    private final Map<String, List<Object>> written = new HashMap<>();

    SyncStatusCollection(MongoClient client) {
        this.client = client;
        collection = client.getDatabase(DATABASE).getCollection(COLLECTION);
    }

    /**
     * Copies the sync figures of {@code latest_times} (files pending, synced, failed, sync error) into a new document
     * for every device that has none here yet; never writes {@code latest_times}. Returns the devices copied.
     */
    int migrate() {
        int copied = 0;
        MongoCollection<Document> legacy = client.getDatabase(DATABASE).getCollection(LEGACY_COLLECTION);
        for (Document d : legacy.find(Filters.exists("files_synced")).batchSize(200)) {
            Object serial = d.get("_id");
            Bson insertOnly = Updates.combine(
                    Updates.setOnInsert("serial_number", serial),
                    Updates.setOnInsert("files_pending", d.get("files_pending", 0)),
                    Updates.setOnInsert("files_synced", d.get("files_synced", 0)),
                    Updates.setOnInsert("files_failed", d.get("files_failed", 0)),
                    Updates.setOnInsert("sync_error", d.get("sync_error", "")),
                    Updates.setOnInsert("points_synced", 0L),
                    Updates.setOnInsert("migrated_from", LEGACY_COLLECTION));
            if (collection
                            .updateOne(Filters.eq("_id", serial), insertOnly, new UpdateOptions().upsert(true))
                            .getUpsertedId()
                    != null) {
                copied++;
            }
        }
        return copied;
    }

    /** The saved figures of every device, by serial. */
    Map<String, SavedFigures> load() {
        Map<String, SavedFigures> out = new HashMap<>();
        for (Document d : collection.find().batchSize(200)) {
            Date synced = d.getDate("time_synced");
            Object points = d.get("points_synced");
            out.put(
                    String.valueOf(d.get("_id")),
                    new SavedFigures(
                            points instanceof Number n ? n.longValue() : 0,
                            synced == null ? null : synced.toInstant()));
        }
        return out;
    }

    /** Writes the figures of every device whose figures changed since the last call. */
    void write(List<DeviceSyncStatus> statuses) {
        for (DeviceSyncStatus s : statuses) {
            List<Object> figures = List.of(
                    s.pending(),
                    s.synced(),
                    s.failed(),
                    s.points(),
                    String.valueOf(s.lastSynced()),
                    String.valueOf(s.oldestPending()),
                    s.lastError(),
                    s.configMismatch());
            if (figures.equals(written.get(s.serial()))) {
                continue;
            }
            collection.updateOne(
                    Filters.eq("_id", s.serial()),
                    Updates.combine(
                            Updates.set("serial_number", s.serial()),
                            Updates.set("files_pending", s.pending()),
                            Updates.set("files_synced", s.synced()),
                            Updates.set("files_failed", s.failed()),
                            Updates.set("points_synced", s.points()),
                            Updates.set("time_synced", date(s.lastSynced())),
                            Updates.set("oldest_pending", date(s.oldestPending())),
                            Updates.set("sync_error", s.lastError()),
                            Updates.set("config_mismatch", s.configMismatch())),
                    new UpdateOptions().upsert(true));
            written.put(s.serial(), figures);
        }
    }

    private static Date date(Instant t) {
        return t == null ? null : Date.from(t);
    }
}
