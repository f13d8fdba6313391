// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.qss.sync.DeviceSyncStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Sync's figures in each device's {@code upmu_database.latest_times} document (the receiver owns the other fields):
 * {@code files_pending}, {@code files_synced}, {@code files_failed}, {@code sync_error}. Written by {@code _id} and
 * only when they changed, so at most one small write per device per call. Called from one thread.
 */
final class SyncCounters {

    private final MongoCollection<Document> collection;
    private final Map<String, List<Object>> written = new ConcurrentHashMap<>();

    SyncCounters(MongoClient client) {
        collection = client.getDatabase("upmu_database").getCollection("latest_times");
    }

    void write(List<DeviceSyncStatus> statuses) {
        for (DeviceSyncStatus s : statuses) {
            List<Object> figures = List.of(s.pending(), s.synced(), s.failed(), s.lastError());
            if (figures.equals(written.get(s.serial()))) {
                continue;
            }
            collection.updateOne(Filters.eq("_id", s.serial()), Updates.combine(
                    Updates.set("serial_number", s.serial()), Updates.set("files_pending", s.pending()),
                    Updates.set("files_synced", s.synced()), Updates.set("files_failed", s.failed()),
                    Updates.set("sync_error", s.lastError())), new UpdateOptions().upsert(true));
            written.put(s.serial(), figures);
        }
    }
}
