// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static io.qss.store.internal.GoldenStoreV2Writer.BASE;
import static io.qss.store.internal.GoldenStoreV2Writer.FEEDER;
import static io.qss.store.internal.GoldenStoreV2Writer.FEEDER_DELETED_FROM;
import static io.qss.store.internal.GoldenStoreV2Writer.FEEDER_DELETED_TO;
import static io.qss.store.internal.GoldenStoreV2Writer.FEEDER_REPLACED_FROM;
import static io.qss.store.internal.GoldenStoreV2Writer.FEEDER_REPLACED_TO;
import static io.qss.store.internal.GoldenStoreV2Writer.GONE;
import static io.qss.store.internal.GoldenStoreV2Writer.LATE;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING_DELETED_FROM;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING_DELETED_TO;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING_POINTS;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING_START;
import static io.qss.store.internal.GoldenStoreV2Writer.ROLLING_TAIL;
import static io.qss.store.internal.GoldenStoreV2Writer.ROUND_POINTS;
import static io.qss.store.internal.GoldenStoreV2Writer.feederReplacement;
import static io.qss.store.internal.GoldenStoreV2Writer.feederTime;
import static io.qss.store.internal.GoldenStoreV2Writer.feederValue;
import static io.qss.store.internal.GoldenStoreV2Writer.rollingTime;
import static io.qss.store.internal.GoldenStoreV2Writer.rollingValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format compatibility: the store directory written by format version 2 ({@code src/test/resources/golden-store-v2/},
 * written once by {@link GoldenStoreV2Writer}, whose Javadoc lists what happened to it) opens with the current code and
 * answers exactly what was written. Versions older than the last checkpoint are only in the version runs and are
 * queried by number; versions a compaction expired must stay unavailable. The expected points are modelled here from
 * the writer's formulas; counts, versions, window statistics and changed ranges are literals; nothing expected is
 * computed by the store. Every later version must pass this test unchanged. The test opens a copy, since opening
 * replays the write-ahead log and removes leftovers.
 */
class GoldenStoreV2Test {

    private static final String GOLDEN = "/golden-store-v2";
    /** Defaults (every version kept), but the replayed log tail stays buffered until close. */
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);

    private static final long ALL_START = TimeSeriesStore.MIN_TIME;
    private static final long ALL_END = TimeSeriesStore.MAX_TIME;
    /** Committed head of FEEDER; the tail in the log is its minor version. */
    private static final long FEEDER_HEAD = 24;
    /** Oldest FEEDER version the compaction kept (retention 4 at head 19). */
    private static final long FEEDER_OLDEST = 16;

    private static final long ROLLING_HEAD = 22;
    /** Oldest ROLLING version the compaction kept (retention 4 at head 18). */
    private static final long ROLLING_OLDEST = 15;
    // starts of the tree slots of 2^32 ns around BASE, in which FEEDER's changes are reported
    private static final long SLOT_32_A = 1709999997216358400L;
    private static final long SLOT_32_B = 1710000001511325696L;
    private static final long SLOT_32_C = 1710000005806292992L;
    private static final long SLOT_32_D = 1710000010101260288L;
    private static final long SLOT_32_E = 1710000014396227584L;
    private static final long SLOT_32_F = 1710000018691194880L;
    private static final long SLOT_32_G = 1710000022986162176L;

    @TempDir
    Path dir;

    private TimeSeriesStoreImpl store;

    @BeforeEach
    void openCopy() throws Exception {
        GoldenStoreV1Test.copyTree(golden(), dir);
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    /** The directory holds what the test claims to cover: checkpoint, three runs, a later log, freed segments. */
    @Test
    void givenGoldenStore_thenItHoldsACheckpointVersionRunsAndFreedSegments() throws Exception {
        Path golden = golden();
        assertEquals(
                List.of(
                        "CHECKPOINT",
                        "FORMAT",
                        "LOCK",
                        "blocks/blocks-000003.seg",
                        "blocks/blocks-000004.seg",
                        "blocks/blocks-000005.seg",
                        "blocks/blocks-000006.seg",
                        "blocks/blocks-000007.seg",
                        "checkpoint-00000004.meta",
                        "meta-00000004.log",
                        "versions-00000003.run",
                        "versions-00000004.run",
                        "versions-00000005.run",
                        "wal/wal-00000004.log"),
                files(golden));
        assertEquals("qss-store-format=2\n", Files.readString(golden.resolve("FORMAT")));
        // 16-byte header and 60 bytes per version: the merged oldest run, then FEEDER 20..22, then FEEDER 23
        assertEquals(16 + 60 * 8, Files.size(golden.resolve("versions-00000003.run")));
        assertEquals(16 + 60 * 3, Files.size(golden.resolve("versions-00000004.run")));
        assertEquals(16 + 60 * 1, Files.size(golden.resolve("versions-00000005.run")));
    }

    @Test
    void givenGoldenStore_whenOpened_thenStreamMetadataAsWritten() {
        StreamInfo feeder = new StreamInfo(
                FEEDER,
                "golden2/feeders/1",
                Map.of("name", "L1MAG", "unit", "volts"),
                Map.of("site", "lab", "calibrated", "2025-06-01"),
                1);
        StreamInfo rolling =
                new StreamInfo(ROLLING, "golden2/rolling/moved", Map.of("name", "C1ANG", "phase", "B"), Map.of(), 1);

        assertEquals(Optional.of(feeder), store.stream(FEEDER));
        assertEquals(Optional.of(rolling), store.stream(ROLLING));
        assertEquals(List.of(feeder, rolling), store.lookup("golden2", true, Map.of(), Map.of()));
        assertEquals(List.of(rolling), store.lookup("golden2", true, Map.of("phase", "B"), Map.of()));
        assertEquals(List.of(), store.lookup("golden2/rolling", false, Map.of(), Map.of()));
        assertEquals(List.of("golden2/feeders/1", "golden2/rolling/moved"), store.listCollections(""));
    }

    /** GONE was obliterated before the last checkpoint (it is in the checkpoint), LATE after it (in the log). */
    @Test
    void givenGoldenStore_whenOpened_thenObliteratedStreamsStayGone() {
        for (UUID gone : List.of(GONE, LATE)) {
            assertEquals(Optional.empty(), store.stream(gone));
            StoreException e =
                    assertThrows(StoreException.class, () -> store.create(gone, "golden2/again", Map.of(), Map.of()));
            assertEquals(ErrorCode.REUSED_UUID, e.code(), gone.toString());
        }
    }

    @Test
    void givenGoldenStore_whenOpened_thenVersionsIncludeTheWriteAheadLogTail() throws StoreException {
        assertEquals(new Version(FEEDER_HEAD, ROUND_POINTS), store.version(FEEDER));
        assertEquals(new Version(ROLLING_HEAD, ROLLING_TAIL), store.version(ROLLING));
    }

    @Test
    void givenGoldenStore_whenOpened_thenVersionsTheCompactionExpiredAreNotAvailable() {
        for (long version = Version.FIRST + 1; version < FEEDER_OLDEST; version++) {
            assertNotAvailable(FEEDER, version);
        }
        for (long version = Version.FIRST + 1; version < ROLLING_OLDEST; version++) {
            assertNotAvailable(ROLLING, version);
        }
    }

    /** 16 to 19 are in the oldest run, 20 to 22 in the second, 23 in the newest, 24 in the log after them. */
    @Test
    void givenGoldenStore_whenOpened_thenRawValuesOfEveryKeptVersionAsWritten() throws StoreException {
        for (long version = FEEDER_OLDEST; version <= FEEDER_HEAD; version++) {
            assertEquals(feederAt(version), raw(FEEDER, version), "feeder version " + version);
        }
        assertEquals(feederAt(Version.LATEST), raw(FEEDER, Version.LATEST));
        for (long version = ROLLING_OLDEST; version <= ROLLING_HEAD; version++) {
            assertEquals(rollingAt(version), raw(ROLLING, version), "rolling version " + version);
        }
        assertEquals(rollingAt(Version.LATEST), raw(ROLLING, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenOpened_thenRawValuesOfChosenRangesAsWritten() throws StoreException {
        long deletedStart = feederTime(FEEDER_DELETED_FROM);
        assertEquals(
                List.of(
                        new RawPoint(feederTime(FEEDER_DELETED_FROM - 1), feederValue(FEEDER_DELETED_FROM - 1)),
                        new RawPoint(feederTime(FEEDER_DELETED_TO), feederValue(FEEDER_DELETED_TO))),
                Collect.raw(store, FEEDER, feederTime(FEEDER_DELETED_FROM - 1), feederTime(FEEDER_DELETED_TO + 1), 19));
        assertEquals(
                List.of(new RawPoint(deletedStart, feederValue(FEEDER_DELETED_FROM))),
                Collect.raw(store, FEEDER, deletedStart, deletedStart + 1, 18));
        assertEquals(
                List.of(
                        new RawPoint(feederTime(FEEDER_REPLACED_FROM), -500.0),
                        new RawPoint(feederTime(FEEDER_REPLACED_FROM + 1), -500.5)),
                Collect.raw(store, FEEDER, feederTime(FEEDER_REPLACED_FROM), feederTime(FEEDER_REPLACED_FROM + 2), 23));
        assertEquals(
                List.of(new RawPoint(rollingTime(0), 1100.0), new RawPoint(rollingTime(1), 1100.25)),
                Collect.raw(store, ROLLING, ROLLING_START, rollingTime(2), Version.LATEST));
        assertEquals(
                List.of(new RawPoint(rollingTime(0), 500.0), new RawPoint(rollingTime(1), 500.25)),
                Collect.raw(store, ROLLING, ROLLING_START, rollingTime(2), 16));
        assertEquals(
                List.of(),
                Collect.raw(store, ROLLING, rollingTime(ROLLING_DELETED_FROM), rollingTime(ROLLING_DELETED_TO), 22));
    }

    @Test
    void givenGoldenStore_whenOpened_thenCountsAsWritten() throws StoreException {
        long[] feederCounts = {1200, 1400, 1600, 1480, 1680, 1880, 2080, 2080, 2280};
        for (int k = 0; k < feederCounts.length; k++) {
            long version = FEEDER_OLDEST + k;
            assertEquals(feederCounts[k], store.count(FEEDER, ALL_START, ALL_END, version), "feeder " + version);
        }
        assertEquals(2480, store.count(FEEDER, ALL_START, ALL_END, Version.LATEST));
        assertEquals(0, store.count(FEEDER, feederTime(FEEDER_DELETED_FROM), feederTime(FEEDER_DELETED_TO), 19));
        assertEquals(120, store.count(FEEDER, feederTime(FEEDER_DELETED_FROM), feederTime(FEEDER_DELETED_TO), 18));
        for (long version = ROLLING_OLDEST; version < ROLLING_HEAD; version++) {
            assertEquals(300, store.count(ROLLING, ALL_START, ALL_END, version), "rolling " + version);
        }
        assertEquals(250, store.count(ROLLING, ALL_START, ALL_END, ROLLING_HEAD));
        assertEquals(250, store.count(ROLLING, ALL_START, ALL_END, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenOpened_thenAlignedWindowsAsWritten() throws StoreException {
        Collect.assertStats(
                List.of(
                        new StatPoint(SLOT_32_A, 7160.00048828125, 7197.664492390598, 7239.99853515625, 577),
                        new StatPoint(SLOT_32_C, -504.5, 7127.265868430225, 7240.0, 1031),
                        new StatPoint(SLOT_32_E, 7160.00048828125, 7198.057632306301, 7239.99951171875, 872)),
                Collect.aligned(store, FEEDER, ALL_START, ALL_END, 33, Version.LATEST),
                "feeder latest pw 33 literal");
        Collect.assertStats(
                List.of(new StatPoint(SLOT_32_A, 7160.0, 7202.799755510603, 7240.0, 1400)),
                Collect.aligned(store, FEEDER, ALL_START, ALL_END, 34, 17),
                "feeder version 17 pw 34 literal");
        Collect.assertStats(
                List.of(new StatPoint(SLOT_32_A, 1000.0, 1006.125, 1012.25, 250)),
                Collect.aligned(store, ROLLING, ALL_START, ALL_END, 34, ROLLING_HEAD),
                "rolling version 22 pw 34 literal");
        Collect.assertStats(
                List.of(
                        new StatPoint(SLOT_32_B, 1000.0, 1054.4975728155339, 1112.25, 103),
                        new StatPoint(SLOT_32_C, 1000.0, 1006.2448979591836, 1012.25, 147)),
                Collect.aligned(store, ROLLING, ALL_START, ALL_END, 32, Version.LATEST),
                "rolling latest pw 32 literal");
        for (long version : new long[] {FEEDER_OLDEST, 19, 21, 23, FEEDER_HEAD, Version.LATEST}) {
            for (int pw : new int[] {20, 26, 32}) {
                Collect.assertStats(
                        Collect.expectedAligned(feederAt(version), ALL_START, ALL_END, pw),
                        Collect.aligned(store, FEEDER, ALL_START, ALL_END, pw, version),
                        "feeder version " + version + " pw " + pw);
            }
        }
        for (long version : new long[] {ROLLING_OLDEST, 20, ROLLING_HEAD, Version.LATEST}) {
            Collect.assertStats(
                    Collect.expectedAligned(rollingAt(version), ALL_START, ALL_END, 28),
                    Collect.aligned(store, ROLLING, ALL_START, ALL_END, 28, version),
                    "rolling version " + version + " pw 28");
        }
    }

    @Test
    void givenGoldenStore_whenOpened_thenWindowsAsWritten() throws StoreException {
        long start = BASE - 1_000_000_000L;
        long end = BASE + 25_000_000_000L;
        for (long version : new long[] {18, 19, 23, Version.LATEST}) {
            Collect.assertStats(
                    Collect.expectedWindows(feederAt(version), start, end, 1_000_000_000L),
                    Collect.windows(store, FEEDER, start, end, 1_000_000_000L, version),
                    "feeder version " + version + " 1 s windows");
        }
        Collect.assertStats(
                Collect.expectedWindows(rollingAt(ROLLING_HEAD), start, end, 500_000_000L),
                Collect.windows(store, ROLLING, start, end, 500_000_000L, ROLLING_HEAD),
                "rolling version 22 0.5 s windows");
    }

    /**
     * FEEDER's points hang below a core node in leaves of 2^32 ns; a change is reported as the slots it touched
     * (adjacent ones joined). ROLLING's 300 points are one leaf, a slot of 2^56 ns of the root.
     */
    @Test
    void givenGoldenStore_whenOpened_thenChangesAsWritten() throws StoreException {
        assertEquals(changes(17, SLOT_32_C, SLOT_32_E), store.changes(FEEDER, 16, 17, 30));
        assertEquals(changes(19, SLOT_32_B, SLOT_32_C), store.changes(FEEDER, 18, 19, 30));
        assertEquals(changes(20, SLOT_32_D, SLOT_32_F), store.changes(FEEDER, 19, 20, 30));
        assertEquals(changes(23, SLOT_32_C, SLOT_32_D), store.changes(FEEDER, 22, 23, 30));
        assertEquals(changes(24, SLOT_32_E, SLOT_32_G), store.changes(FEEDER, 23, 24, 30));
        assertEquals(changes(24, SLOT_32_B, SLOT_32_G), store.changes(FEEDER, 16, 24, 30));
        assertEquals(new Changes(24, List.of()), store.changes(FEEDER, 24, 24, 30));
        Changes rollingLeaf = changes(22, 1657324662872342528L, 1729382256910270464L);
        assertEquals(rollingLeaf, store.changes(ROLLING, 21, 22, 30));
        assertEquals(rollingLeaf, store.changes(ROLLING, ROLLING_OLDEST, 0, 30));
    }

    @Test
    void givenGoldenStore_whenOpened_thenNearestEarliestLatestAsWritten() throws StoreException {
        long deletedStart = feederTime(FEEDER_DELETED_FROM);
        assertEquals(
                Optional.of(new RawPoint(feederTime(FEEDER_DELETED_TO), feederValue(FEEDER_DELETED_TO))),
                store.nearest(FEEDER, deletedStart, false, 19));
        assertEquals(
                Optional.of(new RawPoint(deletedStart, feederValue(FEEDER_DELETED_FROM))),
                store.nearest(FEEDER, deletedStart, false, 17));
        assertEquals(Optional.of(new RawPoint(BASE, 7200)), store.earliest(FEEDER, FEEDER_OLDEST));
        assertEquals(
                Optional.of(new RawPoint(feederTime(1199), feederValue(1199))), store.latest(FEEDER, FEEDER_OLDEST));
        assertEquals(
                Optional.of(new RawPoint(feederTime(2599), feederValue(2599))), store.latest(FEEDER, Version.LATEST));
        assertEquals(
                Optional.of(new RawPoint(rollingTime(ROLLING_POINTS - 1), 1012.25)),
                store.latest(ROLLING, ROLLING_HEAD));
        assertEquals(Optional.of(new RawPoint(ROLLING_START, 1100)), store.earliest(ROLLING, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenClosedAndReopened_thenTailCommittedAndAnswersUnchanged() throws StoreException {
        store.close();
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);

        assertEquals(new Version(FEEDER_HEAD + 1, 0), store.version(FEEDER));
        assertEquals(new Version(ROLLING_HEAD + 1, 0), store.version(ROLLING));
        assertEveryKeptVersionAsWritten();
        assertNotAvailable(FEEDER, FEEDER_OLDEST - 1);

        store.checkpointMetadata();
        store.close();
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);
        assertEveryKeptVersionAsWritten();
        assertNotAvailable(ROLLING, ROLLING_OLDEST - 1);
        assertEquals(Optional.empty(), store.stream(LATE));
    }

    /** With every version kept, a compaction only moves blocks: nothing expires and every answer stays. */
    @Test
    void givenGoldenStore_whenCompactedKeepingEveryVersion_thenAnswersUnchanged() throws Exception {
        CompactionResult compacted = store.compact(0);

        assertEquals(0, compacted.versionsExpired(), compacted.toString());
        assertEquals(new Version(FEEDER_HEAD, ROUND_POINTS), store.version(FEEDER));
        assertEquals(feederAt(Version.LATEST), raw(FEEDER, Version.LATEST));
        store.close();
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);
        assertEveryKeptVersionAsWritten();
    }

    private void assertEveryKeptVersionAsWritten() throws StoreException {
        for (long version = FEEDER_OLDEST; version <= FEEDER_HEAD; version++) {
            assertEquals(feederAt(version), raw(FEEDER, version), "feeder version " + version);
        }
        assertEquals(feederAt(Version.LATEST), raw(FEEDER, Version.LATEST), "feeder latest");
        for (long version = ROLLING_OLDEST; version <= ROLLING_HEAD; version++) {
            assertEquals(rollingAt(version), raw(ROLLING, version), "rolling version " + version);
        }
        assertEquals(rollingAt(Version.LATEST), raw(ROLLING, Version.LATEST), "rolling latest");
    }

    private void assertNotAvailable(UUID uuid, long version) {
        StoreException e = assertThrows(StoreException.class, () -> raw(uuid, version), "version " + version);
        assertEquals(ErrorCode.VERSION_NOT_AVAILABLE, e.code(), e.getMessage());
        e = assertThrows(StoreException.class, () -> store.count(uuid, ALL_START, ALL_END, version));
        assertEquals(ErrorCode.VERSION_NOT_AVAILABLE, e.code(), e.getMessage());
    }

    /**
     * FEEDER as the writer left it at {@code version}: rounds of {@link GoldenStoreV2Writer#ROUND_POINTS} (round r
     * made version 11 + r up to 18, then 20 + r - 8 up to 22, then 24), the delete from 19 on, the REPLACE from 23 on;
     * {@link Version#LATEST} includes the uncommitted round 12.
     */
    private static List<RawPoint> feederAt(long version) {
        long v = version == Version.LATEST ? FEEDER_HEAD + 1 : version;
        int rounds = v <= 18 ? (int) (v - 10) : v <= 22 ? (int) (v - 11) : v == 23 ? 11 : (int) (v - 12);
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < rounds * ROUND_POINTS; i++) {
            boolean isDeleted = v >= 19 && i >= FEEDER_DELETED_FROM && i < FEEDER_DELETED_TO;
            boolean isReplaced = v >= 23 && i >= FEEDER_REPLACED_FROM && i < FEEDER_REPLACED_TO;
            if (!isDeleted) {
                points.add(new RawPoint(feederTime(i), isReplaced ? feederReplacement(i) : feederValue(i)));
            }
        }
        return points;
    }

    /**
     * ROLLING at {@code version}: version 11 + r holds round r's values at every time (up to round 10, version 21),
     * 22 deletes a range; {@link Version#LATEST} has round 11's values over the first times (the uncommitted tail).
     */
    private static List<RawPoint> rollingAt(long version) {
        boolean isLatest = version == Version.LATEST;
        int round = (int) Math.min(version, ROLLING_HEAD - 1) - 11;
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < ROLLING_POINTS; i++) {
            boolean isDeleted =
                    (isLatest || version >= ROLLING_HEAD) && i >= ROLLING_DELETED_FROM && i < ROLLING_DELETED_TO;
            if (isLatest && i < ROLLING_TAIL) {
                points.add(new RawPoint(rollingTime(i), rollingValue(11, i)));
            } else if (!isDeleted) {
                points.add(new RawPoint(rollingTime(i), rollingValue(isLatest ? 10 : round, i)));
            }
        }
        return points;
    }

    private static Changes changes(long version, long start, long end) {
        return new Changes(version, List.of(new ChangedRange(start, end)));
    }

    private List<RawPoint> raw(UUID uuid, long version) throws StoreException {
        return Collect.raw(store, uuid, ALL_START, ALL_END, version);
    }

    private static Path golden() throws Exception {
        return Path.of(GoldenStoreV2Test.class.getResource(GOLDEN + "/FORMAT").toURI())
                .getParent();
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
