// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.qss.dat.UpmuConstants;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * uPMUs in {@code upmu_database.devices}: one small document per device, {@code _id} = serial, {@code type} =
 * {@code upmu}, so every write is a lookup by {@code _id} and a load is one scan of a collection of a few hundred
 * documents at most. Devices of other types share the collection ({@link MongoCatalogStore}); this store reads only
 * uPMU documents and writes their fields with {@code $set}, so a field it does not know (a kept {@code state}) stays.
 * Every write raises the devices' marker ({@link ChangeMarker}) after it, so that other nodes read the devices again.
 */
final class MongoDeviceStore implements DeviceStore {

    static final String DATABASE = "upmu_database";
    static final String COLLECTION = "devices";
    static final String TYPE = "type";

    private final MongoCollection<Document> devices;
    private final ChangeMarker marker;

    MongoDeviceStore(MongoClient client) {
        this(client, new ChangeMarker(client));
    }

    MongoDeviceStore(MongoClient client, ChangeMarker marker) {
        this.devices = client.getDatabase(DATABASE).getCollection(COLLECTION);
        this.marker = marker;
    }

    @Override
    public List<RegisteredDevice> load() throws RegistryException {
        try {
            List<RegisteredDevice> out = new ArrayList<>();
            for (Document doc : devices.find(isUpmu()).batchSize(100)) {
                out.add(fromDocument(doc));
            }
            return out;
        } catch (RuntimeException e) {
            throw new RegistryException("loading devices failed [collection=" + DATABASE + "." + COLLECTION + "]", e);
        }
    }

    @Override
    public void write(Collection<RegisteredDevice> upserts, Collection<String> removedSerials)
            throws RegistryException {
        if (upserts.isEmpty() && removedSerials.isEmpty()) {
            return;
        }
        marker.afterWrite(() -> writeDocuments(upserts, removedSerials));
    }

    private void writeDocuments(Collection<RegisteredDevice> upserts, Collection<String> removedSerials)
            throws RegistryException {
        try {
            for (RegisteredDevice d : upserts) {
                Document fields = toDocument(d);
                fields.remove("_id");
                devices.updateOne(
                        Filters.eq("_id", d.serial()), new Document("$set", fields), new UpdateOptions().upsert(true));
            }
            for (String serial : removedSerials) {
                devices.deleteOne(Filters.eq("_id", serial));
            }
        } catch (MongoException e) {
            throw new RegistryException("saving devices failed [collection=" + DATABASE + "." + COLLECTION + "]", e);
        }
    }

    /**
     * Marks every document without {@code type} as a uPMU: before devices of other types existed, every document was
     * one. Idempotent. Raises the marker when it marked any, although a follower reads such a document as a uPMU
     * either way: every write of the devices by qss does.
     *
     * @return the number of documents marked
     */
    long markUntypedAsUpmu() throws RegistryException {
        try {
            long marked = devices.updateMany(
                            Filters.exists(TYPE, false),
                            new Document("$set", new Document(TYPE, UpmuConstants.TYPE_ID)))
                    .getModifiedCount();
            if (marked > 0) {
                marker.bump();
            }
            return marked;
        } catch (MongoException e) {
            throw new RegistryException(
                    "marking untyped devices as uPMUs failed [collection=" + DATABASE + "." + COLLECTION + "]", e);
        }
    }

    /** uPMU documents, also those written before {@code type} existed (in case the migration has not run). */
    static Bson isUpmu() {
        return Filters.or(Filters.eq(TYPE, UpmuConstants.TYPE_ID), Filters.exists(TYPE, false));
    }

    static Document toDocument(RegisteredDevice d) {
        Document streams = new Document();
        d.streamUuids().forEach((name, uuid) -> streams.append(name, uuid.toString()));
        Document metadata = new Document();
        d.metadata().forEach(metadata::append);
        return new Document("_id", d.serial())
                .append(TYPE, UpmuConstants.TYPE_ID)
                .append("serial_number", d.serial())
                .append("ip", d.ip())
                .append("alias", d.alias())
                .append("extended", d.isExtended())
                .append("generation", d.generation())
                .append("streams", streams)
                .append("metadata", metadata)
                .append("collection", d.hasOwnCollection() ? d.collection() : null);
    }

    static RegisteredDevice fromDocument(Document doc) {
        Map<String, UUID> uuids = new LinkedHashMap<>();
        Document streams = doc.get("streams", new Document());
        streams.forEach((k, v) -> uuids.put(k, UUID.fromString(String.valueOf(v))));
        Map<String, String> metadata = new LinkedHashMap<>();
        doc.get("metadata", new Document()).forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        Number generation = doc.get("generation", Number.class);
        return new RegisteredDevice(
                doc.getString("ip"),
                doc.getString("serial_number"),
                doc.getString("alias"),
                doc.getBoolean("extended", false),
                generation == null ? 1 : generation.longValue(),
                uuids,
                metadata,
                doc.getString("collection"));
    }
}
