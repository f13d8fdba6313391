// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static io.qss.api.grpc.internal.CapnpWire.hexOf;
import static io.qss.api.grpc.internal.CapnpWire.le;
import static io.qss.api.grpc.internal.CapnpWire.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.grpc.internal.v5api.InfoParams;
import io.qss.store.api.MergePolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capnp 3.x frames worked out by hand from the schema's offsets (§3.2, §3.3 of the API description): Request
 * echoTag @0, union tag @8, payload pointer 0; Response echoTag @0, statusCode @8, final bit 80, union tag @12.
 */
class CapnpTest {

    private static final UUID LAB = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final String LAB_BYTES = "00112233445566778899aabbccddeeff";
    private static final String ROOT = "0000000002000100";

    @TempDir
    Path dir;

    /** insertValues (tag 6): CmdInsertValues 8 data bytes / 2 pointers, two Records (16/0) in a composite list. */
    private static String insertTwo(long echo, long t1, double v1, long t2, double v2) {
        return "00000000 0e000000" + ROOT + le(echo) + "0600000000000000"
                + "0000000001000200" + "0100000000000000" + "0500000082000000" + "0900000027000000"
                + LAB_BYTES + "0800000002000000" + le(t1) + le(Double.doubleToLongBits(v1)) + le(t2)
                + le(Double.doubleToLongBits(v2));
    }

    /** queryStandardValues (tag 1): CmdQueryStandardValues 24/1: version @0, start @8, end @16, uuid pointer 0. */
    private static String queryRaw(long echo, String uuid, long start, long end) {
        return "00000000 0a000000" + ROOT + le(echo) + "0100000000000000" + "0000000003000100" + le(0) + le(start)
                + le(end) + "0100000082000000" + uuid;
    }

    /** queryNearestValue (tag 4): CmdQueryNearestValue 24/1: version @0, time @8, backward bit 128. */
    private static String queryNearest(long echo, long time, boolean backward) {
        return "00000000 0a000000" + ROOT + le(echo) + "0400000000000000" + "0000000003000100" + le(0) + le(time)
                + (backward ? "01" : "00") + "00000000000000" + "0100000082000000" + LAB_BYTES;
    }

    @Test
    void givenEchoTagAndStatus_whenAVoidResponseIsEncoded_thenBytesMatchTheSchemaOffsets() {
        byte[] frame = CapnpResponse.status(0x0102030405060708L, CapnpResponse.NO_SUCH_POINT, true);
        assertEquals(
                "00000000" + "04000000" + ROOT + "0807060504030201" + "0400010000000000" + "0000000000000000",
                hexOf(frame));
    }

    @Test
    void givenAStream_whenInsertedAndQueriedOverCapnp_thenRecordsComeBackWithEchoTagAndFinal() throws Exception {
        try (Fixture fixture = new Fixture(dir);
                CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            fixture.store.create(LAB, "lab/bench", Map.of("name", "L1MAG"), Map.of());

            capnp.send(insertTwo(11, 1000, 1.5, 2000, -2.0));
            assertEquals(
                    "00000000" + "04000000" + ROOT + le(11) + "0000010000000000" + "0000000000000000",
                    hexOf(capnp.receive()));

            capnp.send(queryNearest(12, 1500, true));
            long version = fixture.store.version(LAB).major();
            assertEquals(
                    "00000000" + "09000000" + ROOT + le(12) + "0000010001000000" + "0000000001000100"
                            + le(version) + "0100000017000000" + "0400000002000000" + le(1000)
                            + le(Double.doubleToLongBits(1.5)),
                    hexOf(capnp.receive()));

            capnp.send(queryRaw(13, LAB_BYTES, 0, 10_000));
            byte[] raw = capnp.receive();
            assertEquals(13, word(raw, 16));
            assertEquals(0x0000_0001_0001_0000L, word(raw, 24));
            assertEquals(0x0000_0002_0000_0008L, word(raw, 8 + 6 * 8));
            assertEquals(2000, word(raw, 8 + 9 * 8));
            assertEquals(-2.0, Double.longBitsToDouble(word(raw, 8 + 10 * 8)));
            assertEquals(
                    5,
                    fixture.client(FakeAccess.WRITER)
                            .info(InfoParams.getDefaultInstance())
                            .getMajorVersion());
        }
    }

    @Test
    void givenManyPoints_whenQueriedOverCapnp_thenChunksOf4096AndOnlyTheLastIsFinal() throws Exception {
        try (Fixture fixture = new Fixture(dir);
                CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            fixture.store.create(LAB, "lab/bench", Map.of("name", "L1MAG"), Map.of());
            long[] times = new long[10_000];
            double[] values = new double[10_000];
            for (int i = 0; i < times.length; i++) {
                times[i] = i;
                values[i] = i;
            }
            fixture.store.insert(LAB, times, values, 0, times.length, MergePolicy.NEVER);

            capnp.send(queryRaw(21, LAB_BYTES, 0, 20_000));
            int[] counts = new int[3];
            for (int m = 0; m < 3; m++) {
                byte[] frame = capnp.receive();
                assertEquals(m == 2 ? 1 : 0, (word(frame, 24) >>> 16) & 1, "final flag of message " + m);
                counts[m] = ((int) word(frame, 8 + 6 * 8)) >> 2;
            }
            assertEquals(4096, counts[0]);
            assertEquals(4096, counts[1]);
            assertEquals(1808, counts[2]);
        }
    }

    @Test
    void givenAnonymousCapnp_whenQueryingALabStreamOrInserting_thenInternalErrorAndNothingWritten() throws Exception {
        try (Fixture fixture = new Fixture(dir, "");
                CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            fixture.store.create(LAB, "lab/bench", Map.of("name", "L1MAG"), Map.of());

            capnp.send(queryRaw(31, LAB_BYTES, 0, 10_000));
            byte[] query = capnp.receive();
            capnp.send(insertTwo(32, 1, 1, 2, 2));
            byte[] insert = capnp.receive();
            capnp.send(queryRaw(33, "ffffffffffffffffffffffffffffffff", 0, 10_000));
            byte[] missing = capnp.receive();

            assertEquals(le(31) + "0100010000000000", hexOf(query).substring(32, 64));
            assertEquals(le(32) + "0100010000000000", hexOf(insert).substring(32, 64));
            assertEquals(le(33) + "0100010000000000", hexOf(missing).substring(32, 64));
            assertEquals(0, fixture.store.count(LAB, 0, 10, 0));
        }
    }

    @Test
    void givenTwoStreams_whenQueryVersionOverCapnp_thenUuidsAndVersionsListed() throws Exception {
        try (Fixture fixture = new Fixture(dir);
                CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            fixture.store.create(LAB, "lab/bench", Map.of("name", "L1MAG"), Map.of());
            // CmdQueryVersion 0/1: uuids List(Data) -> list of 1 pointer -> 16 bytes
            capnp.send("00000000 08000000" + ROOT + le(41) + "0300000000000000" + "0000000000000100"
                    + "010000000e000000" + "0100000082000000" + LAB_BYTES);
            byte[] frame = capnp.receive();

            assertEquals(0x0000_0003_0001_0000L, word(frame, 24));
            assertEquals(fixture.store.version(LAB).major(), word(frame, 8 + 9 * 8));
            assertTrue(hexOf(frame).contains(LAB_BYTES));
        }
    }
}
