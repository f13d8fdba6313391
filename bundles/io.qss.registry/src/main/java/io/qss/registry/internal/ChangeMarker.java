// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.qss.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The marker of the saved devices: one small document, {@code upmu_database.devices_marker} {@code _id: devices},
 * whose {@code count} every write of {@code upmu_database.devices} by qss raises ({@code $inc}, upsert), with the
 * writing node ({@code node}, {@code <host>:<pid>}) and its time ({@code at}). A node following MongoDB reads this
 * document each period and the devices only when it changed ({@link FollowGate}). It lives in a collection of its own
 * because the device stores read every document of {@code devices} without a type as a uPMU. Writes by hand (a
 * MongoDB shell) or by an older qss leave it alone; a database without it is read in full every period. Thread-safe.
 */
final class ChangeMarker {

    static final String COLLECTION = "devices_marker";
    static final String ID = "devices";

    /**
     * One state of the marker. {@code node} and {@code at} take part in comparisons, so a marker dropped and written
     * again from 1 is not taken for the one seen before.
     *
     * @param count writes counted since the marker was created
     * @param node the node of the last write, {@code <host>:<pid>}
     * @param at when that node wrote, to the millisecond of its clock
     */
    record Mark(long count, String node, Instant at) {}

    private static final String NODE = thisNode();

    private final MongoCollection<Document> marker;
    private final String node;

    ChangeMarker(MongoClient client) {
        this(client, NODE);
    }

    ChangeMarker(MongoClient client, String node) {
        this.marker = client.getDatabase(MongoDeviceStore.DATABASE).getCollection(COLLECTION);
        this.node = node;
    }

    /** Counts a write of the saved devices; call after the write, so a node that sees the new count reads it. */
    void bump() throws RegistryException {
        try {
            marker.updateOne(
                    Filters.eq("_id", ID),
                    new Document("$inc", new Document("count", 1L))
                            .append("$set", new Document("node", node).append("at", new Date())),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            throw new RegistryException("raising the device marker failed [collection=" + where() + "]", e);
        }
    }

    /** The marker as MongoDB holds it now; empty when there is none (a database no qss with a marker wrote). */
    Optional<Mark> read() throws RegistryException {
        try {
            Document doc = marker.find(Filters.eq("_id", ID)).first();
            if (doc == null) {
                return Optional.empty();
            }
            Number count = doc.get("count", Number.class);
            Date at = doc.get("at", Date.class);
            return Optional.of(new Mark(
                    count == null ? 0 : count.longValue(),
                    String.valueOf(doc.get("node")),
                    at == null ? Instant.EPOCH : at.toInstant()));
        } catch (MongoException | ClassCastException e) {
            throw new RegistryException("reading the device marker failed [collection=" + where() + "]", e);
        }
    }

    /**
     * Runs {@code write} and then raises the marker, also when the write failed part way (some documents may be
     * written); a failure to raise it after a failed write is added to that failure.
     */
    void afterWrite(Write write) throws RegistryException {
        try {
            write.run();
        } catch (RegistryException | RuntimeException e) {
            try {
                bump();
            } catch (RegistryException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        bump();
    }

    /** A write of the saved devices. */
    interface Write {
        void run() throws RegistryException;
    }

    private static String where() {
        return MongoDeviceStore.DATABASE + "." + COLLECTION;
    }

    /**
     * {@code <host>:<pid>}, the host as the kernel names it ({@code unknown} when it cannot say). Not resolved through
     * the name service: a lookup may stall for seconds on a machine without DNS, and the name only informs.
     */
    private static String thisNode() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            host = "";
        }
        if (host.isEmpty()) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
