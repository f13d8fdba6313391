// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.qss.dat.UpmuConstants;
import io.qss.registry.Device;
import io.qss.registry.RegistryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Devices of types other than uPMU in {@code upmu_database.devices}, next to the uPMUs ({@link MongoDeviceStore}):
 * {@code _id} = {@code <type>:<id>}, fields {@code type}, {@code id}, {@code alias}, {@code properties} (a
 * sub-document), {@code streams} (an array of {@code {key, uuid, unit}} in declaration order: keys such as
 * {@code STATION/FREQ} hold a {@code /} and may hold dots, which field names should not), {@code generation} and
 * {@code state} (binary, written only by {@link #saveState}). Writes use {@code $set}, so saving the configuration
 * keeps the state. Every write of the configuration raises the devices' marker ({@link ChangeMarker}) after it; a
 * kept state does not, since no node reads it when following and drivers may keep it often.
 */
final class MongoCatalogStore {

    /** Largest per-device state kept, in bytes. */
    static final int MAX_STATE_BYTES = 1 << 20;

    private static final String TYPE = MongoDeviceStore.TYPE;
    private static final String STATE = "state";

    private final MongoCollection<Document> devices;
    private final ChangeMarker marker;

    MongoCatalogStore(MongoClient client) {
        this(client, new ChangeMarker(client));
    }

    MongoCatalogStore(MongoClient client, ChangeMarker marker) {
        this.devices = client.getDatabase(MongoDeviceStore.DATABASE).getCollection(MongoDeviceStore.COLLECTION);
        this.marker = marker;
    }

    /** Every saved device of a type other than uPMU. */
    List<CatalogEntry> load() throws RegistryException {
        try {
            List<CatalogEntry> out = new ArrayList<>();
            for (Document doc : devices.find(Filters.and(Filters.exists(TYPE), Filters.ne(TYPE, UpmuConstants.TYPE_ID)))
                    .projection(new Document(STATE, 0))
                    .batchSize(100)) {
                out.add(fromDocument(doc));
            }
            return out;
        } catch (RuntimeException e) {
            throw new RegistryException("loading devices failed [collection=" + where() + "]", e);
        }
    }

    /** Writes {@code upserts} (one document each) and deletes the documents of {@code removedIds}. */
    void write(Collection<CatalogEntry> upserts, Collection<String> removedIds) throws RegistryException {
        if (upserts.isEmpty() && removedIds.isEmpty()) {
            return;
        }
        marker.afterWrite(() -> writeDocuments(upserts, removedIds));
    }

    private void writeDocuments(Collection<CatalogEntry> upserts, Collection<String> removedIds)
            throws RegistryException {
        try {
            for (CatalogEntry e : upserts) {
                devices.updateOne(
                        Filters.eq("_id", e.documentId()),
                        new Document("$set", fields(e)),
                        new UpdateOptions().upsert(true));
            }
            for (String id : removedIds) {
                devices.deleteOne(Filters.eq("_id", id));
            }
        } catch (MongoException e) {
            throw new RegistryException("saving devices failed [collection=" + where() + "]", e);
        }
    }

    /** Keeps {@code state} in the saved document {@code documentId} (a uPMU's serial, else {@code <type>:<id>}). */
    void saveState(String documentId, byte[] state) throws RegistryException {
        if (state.length > MAX_STATE_BYTES) {
            throw new RegistryException("device state too large [device=" + documentId + ", bytes=" + state.length
                    + ", max=" + MAX_STATE_BYTES + "]");
        }
        try {
            long matched = devices.updateOne(
                            Filters.eq("_id", documentId), new Document("$set", new Document(STATE, new Binary(state))))
                    .getMatchedCount();
            if (matched == 0) {
                throw new RegistryException("no saved device to keep state for [device=" + documentId + "]");
            }
        } catch (MongoException e) {
            throw new RegistryException("saving device state failed [device=" + documentId + "]", e);
        }
    }

    /** The state kept in document {@code documentId}; empty when none. */
    byte[] loadState(String documentId) throws RegistryException {
        try {
            Document doc = devices.find(Filters.eq("_id", documentId))
                    .projection(new Document(STATE, 1))
                    .first();
            Binary state = doc == null ? null : doc.get(STATE, Binary.class);
            return state == null ? new byte[0] : state.getData();
        } catch (MongoException e) {
            throw new RegistryException("loading device state failed [device=" + documentId + "]", e);
        }
    }

    private static Document fields(CatalogEntry e) {
        Device d = e.device();
        Document properties = new Document();
        d.properties().forEach(properties::append);
        List<Document> streams = new ArrayList<>();
        d.streamUuids()
                .forEach((key, uuid) -> streams.add(new Document("key", key)
                        .append("uuid", uuid.toString())
                        .append("unit", e.units().getOrDefault(key, ""))));
        return new Document(TYPE, d.type())
                .append("id", d.id())
                .append("alias", d.alias())
                .append("properties", properties)
                .append("streams", streams)
                .append("generation", e.generation());
    }

    static CatalogEntry fromDocument(Document doc) {
        Map<String, String> properties = new LinkedHashMap<>();
        doc.get("properties", new Document()).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        Map<String, UUID> uuids = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (Document s : doc.getList("streams", Document.class, List.of())) {
            String key = s.getString("key");
            uuids.put(key, UUID.fromString(s.getString("uuid")));
            units.put(key, s.get("unit", ""));
        }
        Number generation = doc.get("generation", Number.class);
        Device device = new Device(doc.getString(TYPE), doc.getString("id"), doc.getString("alias"), properties, uuids);
        return new CatalogEntry(device, units, generation == null ? 1 : generation.longValue());
    }

    private static String where() {
        return MongoDeviceStore.DATABASE + "." + MongoDeviceStore.COLLECTION;
    }
}
