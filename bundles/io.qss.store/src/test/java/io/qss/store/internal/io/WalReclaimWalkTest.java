// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.codec.ByteSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A look for reclaimable log segments asks only about the streams that held the oldest segment back the last time,
 * and still deletes the segment once they are committed.
 */
class WalReclaimWalkTest {

    private static final int STREAMS = 100;

    @TempDir
    Path dir;

    @Test
    void givenMostStreamsCommitted_whenLookedAgain_thenOnlyTheBlockersAreAskedAndTheSegmentGoesOnceTheyCommit()
            throws Exception {
        StoreVolume volume = FileVolumes.open(dir);
        try (WriteAheadLog wal = WriteAheadLog.open(volume, 1, rec -> {})) {
            List<UUID> streams = new ArrayList<>();
            Map<UUID, Long> committed = new HashMap<>();
            List<WalRecord> records = new ArrayList<>();
            List<ByteSink> encoded = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                UUID id = new UUID(1, i);
                streams.add(id);
                committed.put(id, 0L);
                records.add(record(i + 1, id));
                encoded.add(encode(records.get(i)));
            }
            wal.appendAll(records, encoded); // one segment holds all of them
            WalRecord next = record(STREAMS + 1, streams.get(0));
            wal.append(next, encode(next)); // the segment is over its size: this record starts the next one
            assertEquals(1, wal.closedSegments());
            for (int i = 1; i < STREAMS; i++) {
                committed.put(streams.get(i), Long.MAX_VALUE);
            }
            List<UUID> asked = new ArrayList<>();
            ToLongFunction<UUID> committedSeq = id -> {
                asked.add(id);
                return committed.get(id);
            };

            assertEquals(List.of(streams.get(0)), wal.reclaim(committedSeq));
            assertEquals(STREAMS, asked.size(), "the first look asks about every stream of the segment");
            asked.clear();
            assertEquals(List.of(streams.get(0)), wal.reclaim(committedSeq));
            assertEquals(List.of(streams.get(0)), asked, "the next look asks only the one that held it back");

            committed.put(streams.get(0), Long.MAX_VALUE);
            assertEquals(List.of(), wal.reclaim(committedSeq));
            assertEquals(0, wal.closedSegments());
        }
    }

    private static WalRecord record(long seq, UUID stream) {
        return new WalRecord(seq, stream, MergePolicy.NEVER, new long[] {seq}, new double[] {seq});
    }

    private static ByteSink encode(WalRecord rec) {
        ByteSink encoded = new ByteSink(64);
        rec.encode(encoded);
        return encoded;
    }
}
