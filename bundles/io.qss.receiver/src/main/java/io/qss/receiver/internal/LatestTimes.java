// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.qss.receiver.SenderStats;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * {@code upmu_database.latest_times}: one document per serial, {@code _id} = serial (so an update is an {@code _id}
 * lookup), with {@code serial_number}, {@code time_received}, {@code files_received}, {@code bytes_received},
 * {@code files_rejected}, {@code last_error}, {@code last_path}. Also reads the registered serials from the
 * registry's {@code upmu_database.devices} ({@code _id} = serial), for the spool budget of unknown serials.
 */
final class LatestTimes {

    private final MongoCollection<Document> collection;
    private final MongoCollection<Document> devices;

    LatestTimes(MongoClient client) {
        collection = client.getDatabase("upmu_database").getCollection("latest_times");
        devices = client.getDatabase("upmu_database").getCollection("devices");
    }

    /** The serials of the saved devices. */
    Set<String> registeredSerials() {
        Set<String> out = new HashSet<>();
        for (Document d : devices.find().projection(Projections.include("_id"))) {
            out.add(String.valueOf(d.get("_id")));
        }
        return out;
    }

    void loadInto(Consumer<SenderStats> sink) {
        for (Document d : collection.find().batchSize(200)) {
            Date t = d.getDate("time_received");
            sink.accept(new SenderStats(
                    d.getString("serial_number"),
                    t == null ? null : t.toInstant(),
                    number(d, "files_received"),
                    number(d, "bytes_received"),
                    number(d, "files_rejected"),
                    d.get("last_error", ""),
                    "",
                    d.get("last_path", "")));
        }
    }

    void write(SenderStats s) {
        collection.updateOne(
                Filters.eq("_id", s.serial()),
                Updates.combine(List.of(
                        Updates.set("serial_number", s.serial()),
                        Updates.set("time_received", s.lastReceived() == null ? null : Date.from(s.lastReceived())),
                        Updates.set("files_received", s.files()),
                        Updates.set("bytes_received", s.bytes()),
                        Updates.set("files_rejected", s.rejected()),
                        Updates.set("last_error", s.lastError()),
                        Updates.set("last_path", s.lastPath()))),
                new UpdateOptions().upsert(true));
    }

    private static long number(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
