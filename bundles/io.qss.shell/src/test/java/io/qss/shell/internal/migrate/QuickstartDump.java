// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.mindrot.jbcrypt.BCrypt;

/**
 * A Quickstart Server's data as its operator would hand it over, written by this fixture: a {@code mongodump}
 * folder ({@code <db>/<collection>.bson} written with the driver's codec, plus {@code .metadata.json}) with
 * {@code upmu_database.received_files} of three uPMUs (base in the {@code /lbnl} domain, extended, base with a
 * corrupt file; one file sent twice), {@code mr_plotter.accounts} with real bcrypt hashes and a Mr. Plotter
 * permalink; and the upmuconfig.ini (stream UUIDs and Paths) and tagconfig.json. Files come from the project's
 * {@link SyntheticDat} generator. Also used by the integration test and the bench (test-jar).
 */
public final class QuickstartDump {

    /** One configured uPMU of the fixture. */
    public record Device(String ip, String serial, String alias, String domain, boolean isExtended) {

        /** The collection its streams live in: {@code <domain>/<alias>}. */
        public String collection() {
            return domain + "/" + alias;
        }
    }

    public static final List<Device> DEVICES = List.of(
            new Device("10.0.0.1", "P3000001", "uPMU_1", "lbnl", false),
            new Device("10.0.0.2", "P3000002", "ext_2", "upmu", true),
            new Device("10.0.0.3", "P3000003", "soda_b", "upmu", false));
    /** The serial whose last file is corrupt. */
    public static final String CORRUPT_SERIAL = "P3000003";
    /** A serial that sends files but is not in the ini. */
    public static final String UNKNOWN_SERIAL = "P3999999";

    public static final String PASSWORD = "psladmin";
    public static final long START = 1_790_200_020L;

    public final Path dump;
    public final Path upmuconfig;
    public final Path tagconfig;
    public final Map<String, UUID> uuids = new LinkedHashMap<>();
    public final ObjectId permalink = new ObjectId();
    /** Distinct good files per serial (the corrupt one and the unknown serial's not counted). */
    public final int filesPerDevice;

    public final int recordsPerFile;
    public int documents;

    private QuickstartDump(Path dir, int filesPerDevice, int recordsPerFile) {
        this.dump = dir.resolve("dump");
        this.upmuconfig = dir.resolve("upmuconfig.ini");
        this.tagconfig = dir.resolve("tagconfig.json");
        this.filesPerDevice = filesPerDevice;
        this.recordsPerFile = recordsPerFile;
    }

    /** Writes the fixture into {@code dir}. */
    public static QuickstartDump write(Path dir, int filesPerDevice, int recordsPerFile) throws IOException {
        QuickstartDump q = new QuickstartDump(Files.createDirectories(dir), filesPerDevice, recordsPerFile);
        q.writeIni();
        Files.writeString(q.tagconfig, "{\n  \"public\": [\"/upmu\"],\n  \"lbnl\": [\"/lbnl\"]\n}\n");
        q.writeReceivedFiles();
        writeCollection(
                q.dump,
                "mr_plotter",
                "accounts",
                List.of(
                        account("peter", hash(PASSWORD, "2a"), List.of("public", "lbnl")),
                        account("anna", hash("anna-pw", "2b"), List.of("public"))));
        writeCollection(q.dump, "mr_plotter", "permalinks", List.of(q.permalinkDocument()));
        return q;
    }

    /** The device path a uPMU sent file {@code i} under. */
    public static String name(String serial, int i) {
        return "/root/upmu_data/" + SyntheticDat.relativePath(serial, START + 60L * i);
    }

    /** The bytes of file {@code i} of {@code device}. */
    public byte[] file(Device device, int i) {
        long second = START + 60L * i;
        return SyntheticDats.generator(SyntheticDatOptions.of(device.serial().hashCode() + i, device.isExtended()))
                .generateFile(second, recordsPerFile);
    }

    /**
     * Writes {@code docs} as {@code <root>/<db>/<collection>.bson} with its {@code .metadata.json}, as mongodump does.
     */
    public static void writeCollection(Path root, String db, String collection, Iterable<Document> docs)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(db));
        try (OutputStream out =
                new BufferedOutputStream(Files.newOutputStream(dir.resolve(collection + ".bson")), 1 << 16)) {
            for (Document doc : docs) {
                ByteBuffer bytes = new RawBsonDocument(doc, new DocumentCodec())
                        .getByteBuffer()
                        .asNIO();
                byte[] b = new byte[bytes.remaining()];
                bytes.get(b);
                out.write(b);
            }
        }
        Files.writeString(
                dir.resolve(collection + ".metadata.json"),
                "{\"options\":{},\"indexes\":[{\"v\":"
                        + "{\"$numberInt\":\"2\"},\"key\":{\"_id\":{\"$numberInt\":\"1\"}},\"name\":\"_id_\"}],\"uuid\":\""
                        + UUID.randomUUID().toString().replace("-", "") + "\",\"collectionName\":\"" + collection
                        + "\",\"type\":\"collection\"}",
                StandardCharsets.UTF_8);
    }

    /** A received_files document as the receiver wrote it. */
    public static Document receivedFile(String serial, String name, byte[] data, long receivedMillis) {
        return new Document("_id", new ObjectId())
                .append("name", name)
                .append("data", new Binary(BsonBinarySubType.BINARY, data))
                .append("published", false)
                .append("time_received", new Date(receivedMillis))
                .append("serial_number", serial)
                .append("ytag", 52);
    }

    /** Writes the documents one at a time as they are generated, so a dump of any size needs little memory. */
    private void writeReceivedFiles() throws IOException {
        Device first = DEVICES.get(0);
        byte[] corrupt = new byte[4000];
        new Random(7).nextBytes(corrupt);
        List<Document> tail = List.of(
                receivedFile(first.serial(), name(first.serial(), 0), file(first, 0), (START + 3600) * 1000),
                receivedFile(CORRUPT_SERIAL, name(CORRUPT_SERIAL, filesPerDevice), corrupt, START * 1000),
                receivedFile(UNKNOWN_SERIAL, name(UNKNOWN_SERIAL, 0), file(DEVICES.get(2), 0), START * 1000));
        int regular = filesPerDevice * DEVICES.size();
        documents = regular + tail.size();
        Iterable<Document> docs = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < documents;
            }

            @Override
            public Document next() {
                int n = next++;
                if (n >= regular) {
                    return tail.get(n - regular);
                }
                Device d = DEVICES.get(n % DEVICES.size());
                int i = n / DEVICES.size();
                return receivedFile(d.serial(), name(d.serial(), i), file(d, i), (START + 60L * i + 61) * 1000);
            }
        };
        writeCollection(dump, "upmu_database", "received_files", docs);
    }

    private void writeIni() throws IOException {
        StringBuilder ini = new StringBuilder("# upmuconfig.ini of the old server\n");
        for (Device d : DEVICES) {
            ini.append('[')
                    .append(d.ip())
                    .append("]\n%serial_number = ")
                    .append(d.serial())
                    .append("\n%alias = ")
                    .append(d.alias())
                    .append("\n    [[Metadata]]\n    SourceName = uPMU\n");
            for (io.qss.dat.DatStream s : io.qss.dat.DatStream.streams(d.isExtended())) {
                UUID uuid = UUID.nameUUIDFromBytes((d.serial() + s.streamName()).getBytes(StandardCharsets.UTF_8));
                uuids.put("/" + d.collection() + "/" + s.streamName(), uuid);
                ini.append("    [[")
                        .append(s.streamName())
                        .append("]]\n    uuid = ")
                        .append(uuid)
                        .append("\n    Path = /")
                        .append(d.collection())
                        .append('/')
                        .append(s.streamName())
                        .append("\n        [[[Properties]]]\n        UnitofMeasure = ")
                        .append(s.unit())
                        .append('\n');
            }
        }
        Files.writeString(upmuconfig, ini.toString());
    }

    private Document permalinkDocument() {
        UUID stream = uuids.get("/lbnl/uPMU_1/L1MAG");
        return new Document("_id", permalink)
                .append(
                        "streams",
                        List.of(new Document("stream", stream.toString())
                                .append("color", "#ff0000")
                                .append("selected", true)))
                .append("window_type", "fixed")
                .append("start", (double) START * 1e9)
                .append("end", (double) (START + 600) * 1e9)
                .append("tz", "America/Los_Angeles")
                .append("dst", true)
                .append("lastAccessed", new Date(START * 1000));
    }

    private static Document account(String user, String hash, List<String> tags) {
        return new Document("_id", new ObjectId())
                .append("user", user)
                .append(
                        "password",
                        new Binary(BsonBinarySubType.USER_DEFINED, hash.getBytes(StandardCharsets.US_ASCII)))
                .append("tags", tags);
    }

    /** A bcrypt hash of {@code password} with revision {@code revision} ({@code 2a}, {@code 2b}), cost 4. */
    private static String hash(String password, String revision) {
        return "$" + revision + BCrypt.hashpw(password, BCrypt.gensalt(4)).substring(3);
    }
}
