// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.time.Instant;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One {@code upmu_database.received_files} document of a Quickstart Server: the file a uPMU sent, as its receiver
 * stored it ({@code name} = the device's path, {@code serial_number}, {@code data} = the whole file,
 * {@code time_received}). Immutable (the data array is shared, not copied: it is read only).
 *
 * @param id the document's {@code _id} as text, for messages; never null
 * @param serial the sending uPMU's serial; never null
 * @param name the device path of the file, e.g. {@code /root/upmu_data/2016/09/19/14/x.dat}; never null
 * @param data the file's bytes; never null
 * @param received when the old server received it; null when the document has no time
 */
record ReceivedFile(String id, String serial, String name, byte[] data, Instant received) {

    /** The key files are deduplicated by: device and path. */
    String key() {
        return serial + "\t" + name;
    }

    /**
     * The file a document holds.
     *
     * @throws MigrationException when a field is missing or of the wrong type, naming the document
     */
    static ReceivedFile of(BsonDocument doc) throws MigrationException {
        String id = doc.containsKey("_id") ? text(doc.get("_id")) : "(none)";
        BsonValue serial = doc.get("serial_number");
        BsonValue name = doc.get("name");
        BsonValue data = doc.get("data");
        if (serial == null
                || !serial.isString()
                || serial.asString().getValue().isBlank()
                || name == null
                || !name.isString()
                || name.asString().getValue().isBlank()
                || data == null
                || !data.isBinary()) {
            throw new MigrationException("received_files document lacks serial_number, name or binary data [_id=" + id
                    + ", fields=" + doc.keySet() + "]");
        }
        BsonValue time = doc.get("time_received");
        Instant received = time instanceof BsonDateTime t ? Instant.ofEpochMilli(t.getValue()) : null;
        BsonBinary binary = data.asBinary();
        return new ReceivedFile(
                id, serial.asString().getValue().strip(), name.asString().getValue(), binary.getData(), received);
    }

    private static String text(BsonValue value) {
        if (value.isObjectId()) {
            return value.asObjectId().getValue().toHexString();
        }
        return value.isString() ? value.asString().getValue() : value.toString();
    }
}
