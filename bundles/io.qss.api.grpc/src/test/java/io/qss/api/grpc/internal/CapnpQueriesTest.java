// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static io.qss.api.grpc.internal.CapnpWire.hexOf;
import static io.qss.api.grpc.internal.CapnpWire.le;
import static io.qss.api.grpc.internal.CapnpWire.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capnp statistical, window, changed-range and delete requests, written by hand from the schema's offsets; answers
 * read at the offsets of Response (union tag @12), StatisticalRecord (40/0: time, count, min, mean, max) and
 * ChangedRange (16/0).
 */
class CapnpQueriesTest {

    private static final UUID LAB = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final String UUID_POINTER_AND_BYTES = "0100000082000000" + "00112233445566778899aabbccddeeff";
    private static final String ROOT = "0000000002000100";
    private static final int RECORDS_AT = 8 + 7 * 8;

    @TempDir
    Path dir;

    private Fixture fixture;
    private CapnpWire capnp;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture(dir);
        capnp = new CapnpWire(fixture.server.port());
        fixture.store.create(LAB, "lab/bench", Map.of("name", "L1MAG"), Map.of());
        fixture.store.insert(LAB, new long[] {0, 1, 2, 9}, new double[] {1, 3, 5, 7}, 0, 4, MergePolicy.NEVER);
    }

    @AfterEach
    void tearDown() throws Exception {
        capnp.close();
        fixture.close();
    }

    @Test
    void givenPoints_whenQueryStatisticalValues_thenNonEmptyAlignedWindowsAsStatisticalRecords() throws Exception {
        // tag 2, CmdQueryStatisticalValues 32/1: version @0, start @8, end @16, pointWidth @24
        capnp.send("00000000 0b000000" + ROOT + le(51) + "0200000000000000" + "0000000004000100" + le(0) + le(0)
                + le(16) + "0200000000000000" + UUID_POINTER_AND_BYTES);
        byte[] frame = capnp.receive();

        assertEquals(0x0000_0002_0001_0000L, word(frame, 24));
        assertEquals("0800000005000000", hexOf(frame).substring(2 * (8 + 6 * 8), 2 * (8 + 7 * 8)));
        assertEquals(0, word(frame, RECORDS_AT));
        assertEquals(3, word(frame, RECORDS_AT + 8));
        assertEquals(1.0, Double.longBitsToDouble(word(frame, RECORDS_AT + 16)));
        assertEquals(3.0, Double.longBitsToDouble(word(frame, RECORDS_AT + 24)));
        assertEquals(5.0, Double.longBitsToDouble(word(frame, RECORDS_AT + 32)));
        assertEquals(8, word(frame, RECORDS_AT + 40));
        assertEquals(1, word(frame, RECORDS_AT + 48));
    }

    @Test
    void givenPoints_whenQueryWindowValues_thenDenseWindowsWithEmptyOnes() throws Exception {
        // tag 8, CmdQueryWindowValues 40/1: version @0, start @8, end @16, width @24, depth @32
        capnp.send("00000000 0c000000" + ROOT + le(52) + "0800000000000000" + "0000000005000100" + le(0) + le(0)
                + le(12) + le(4) + le(0) + UUID_POINTER_AND_BYTES);
        byte[] frame = capnp.receive();

        assertEquals(0x0000_0002_0001_0000L, word(frame, 24));
        assertEquals(3, ((int) word(frame, 8 + 6 * 8)) >> 2);
        assertEquals(3, word(frame, RECORDS_AT + 8));
        assertEquals(0, word(frame, RECORDS_AT + 40 + 8));
        assertEquals(1, word(frame, RECORDS_AT + 80 + 8));
    }

    @Test
    void givenTwoCommits_whenQueryChangedRanges_thenTheRangeOfTheSecondIsListed() throws Exception {
        long from = fixture.store.flush(LAB).major();
        fixture.store.insert(LAB, new long[] {1000}, new double[] {1}, 0, 1, MergePolicy.NEVER);
        long to = fixture.store.flush(LAB).major();

        // tag 5, CmdQueryChangedRanges 32/1: fromGeneration @0, toGeneration @8, resolution @24
        capnp.send("00000000 0b000000" + ROOT + le(53) + "0500000000000000" + "0000000004000100" + le(from) + le(to)
                + le(0) + le(0) + UUID_POINTER_AND_BYTES);
        byte[] frame = capnp.receive();

        assertEquals(0x0000_0004_0001_0000L, word(frame, 24));
        assertEquals(to, word(frame, 8 + 4 * 8));
        assertTrue(word(frame, RECORDS_AT) <= 1000 && word(frame, RECORDS_AT + 8) > 1000);
    }

    @Test
    void givenPoints_whenDeleteValues_thenOkAndTheRangeIsGone() throws Exception {
        // tag 7, CmdDeleteValues 16/1: startTime @0, endTime @8
        capnp.send("00000000 09000000" + ROOT + le(54) + "0700000000000000" + "0000000002000100" + le(1) + le(3)
                + UUID_POINTER_AND_BYTES);

        assertEquals(
                "00000000" + "04000000" + ROOT + le(54) + "0000010000000000" + "0000000000000000",
                hexOf(capnp.receive()));
        assertEquals(2, fixture.store.count(LAB, 0, 100, 0));
    }
}
