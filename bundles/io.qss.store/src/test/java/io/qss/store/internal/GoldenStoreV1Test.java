// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static io.qss.store.internal.GoldenStoreV1Writer.BASE;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_DELETED_FROM;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_DELETED_TO;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_FIRST;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_REPLACED_FROM;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_REPLACED_TO;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_SECOND;
import static io.qss.store.internal.GoldenStoreV1Writer.FEEDER_TAIL;
import static io.qss.store.internal.GoldenStoreV1Writer.GONE;
import static io.qss.store.internal.GoldenStoreV1Writer.PHASE;
import static io.qss.store.internal.GoldenStoreV1Writer.PHASE_DUPLICATE;
import static io.qss.store.internal.GoldenStoreV1Writer.PHASE_POINTS;
import static io.qss.store.internal.GoldenStoreV1Writer.PHASE_START;
import static io.qss.store.internal.GoldenStoreV1Writer.PHASE_TAIL;
import static io.qss.store.internal.GoldenStoreV1Writer.SPARE;
import static io.qss.store.internal.GoldenStoreV1Writer.feederReplacement;
import static io.qss.store.internal.GoldenStoreV1Writer.feederTime;
import static io.qss.store.internal.GoldenStoreV1Writer.feederValue;
import static io.qss.store.internal.GoldenStoreV1Writer.phaseTime;
import static io.qss.store.internal.GoldenStoreV1Writer.phaseValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
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
import java.util.Comparator;
import java.util.HashMap;
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
 * Format compatibility: the store directory written by format version 1 ({@code src/test/resources/golden-store-v1/},
 * written once by {@link GoldenStoreV1Writer}) opens with the current code and answers exactly what was written. The
 * expected points are modelled here from the writer's formulas, the counts, versions, window statistics and changed
 * ranges are literals; nothing expected is computed by the store. Every later version must pass this test unchanged:
 * editing an expectation here means stores in the field would change their answers. The test opens a copy, since
 * opening replays the write-ahead log and may cut or extend files.
 */
class GoldenStoreV1Test {

    private static final String GOLDEN = "/golden-store-v1";
    /** Defaults, but the replayed log tail stays buffered until close however slowly the test runs. */
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);

    private static final long ALL_START = TimeSeriesStore.MIN_TIME;
    private static final long ALL_END = TimeSeriesStore.MAX_TIME;
    /** Start of the tree slot of 2^38 ns that holds BASE. */
    private static final long SLOT_38 = 1699999732803305472L;

    @TempDir
    Path dir;

    private TimeSeriesStoreImpl store;

    @BeforeEach
    void openCopy() throws Exception {
        copyTree(
                Path.of(GoldenStoreV1Test.class.getResource(GOLDEN + "/FORMAT").toURI())
                        .getParent(),
                dir);
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    @Test
    void givenGoldenStore_whenOpened_thenStreamMetadataAsWritten() {
        StreamInfo feeder = new StreamInfo(
                FEEDER,
                "golden/feeders/1",
                Map.of("name", "L1MAG", "unit", "volts", "phase", "A"),
                Map.of("calibrated", "2024-01-01"),
                2);
        StreamInfo phase =
                new StreamInfo(PHASE, "golden/feeders/2", Map.of("name", "C1ANG", "unit", "deg"), Map.of(), 0);
        StreamInfo spare =
                new StreamInfo(SPARE, "golden/empty", Map.of("name", "spare"), Map.of("note", "never written"), 0);

        assertEquals(Optional.of(feeder), store.stream(FEEDER));
        assertEquals(Optional.of(phase), store.stream(PHASE));
        assertEquals(Optional.of(spare), store.stream(SPARE));
        assertEquals(List.of(spare, feeder, phase), store.lookup("golden", true, Map.of(), Map.of()));
        assertEquals(List.of(feeder, phase), store.lookup("golden/feeders", true, anyValueOf("unit"), Map.of()));
        assertEquals(List.of("golden/empty", "golden/feeders/1", "golden/feeders/2"), store.listCollections(""));
    }

    @Test
    void givenGoldenStore_whenOpened_thenObliteratedStreamStaysGone() {
        assertEquals(Optional.empty(), store.stream(GONE));
        StoreException e =
                assertThrows(StoreException.class, () -> store.create(GONE, "golden/gone", Map.of(), Map.of()));
        assertEquals(ErrorCode.REUSED_UUID, e.code());
    }

    @Test
    void givenGoldenStore_whenOpened_thenVersionsIncludeTheWriteAheadLogTail() throws StoreException {
        assertEquals(new Version(14, FEEDER_TAIL - FEEDER_SECOND), store.version(FEEDER));
        assertEquals(new Version(12, PHASE_TAIL), store.version(PHASE));
        assertEquals(new Version(Version.FIRST, 0), store.version(SPARE));
    }

    @Test
    void givenGoldenStore_whenOpened_thenRawValuesOfEveryVersionAsWritten() throws StoreException {
        for (long version = 11; version <= 14; version++) {
            assertEquals(feederAt(version), raw(FEEDER, version), "feeder version " + version);
        }
        assertEquals(feederAt(Version.LATEST), raw(FEEDER, Version.LATEST));
        assertEquals(phaseAt(11), raw(PHASE, 11));
        assertEquals(phaseAt(12), raw(PHASE, 12));
        assertEquals(phaseAt(Version.LATEST), raw(PHASE, Version.LATEST));
        assertEquals(List.of(), raw(SPARE, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenOpened_thenCountsAsWritten() throws StoreException {
        assertEquals(3000, store.count(FEEDER, ALL_START, ALL_END, 11));
        assertEquals(4000, store.count(FEEDER, ALL_START, ALL_END, 12));
        assertEquals(3800, store.count(FEEDER, ALL_START, ALL_END, 13));
        assertEquals(3800, store.count(FEEDER, ALL_START, ALL_END, 14));
        assertEquals(3850, store.count(FEEDER, ALL_START, ALL_END, Version.LATEST));
        assertEquals(200, store.count(FEEDER, feederTime(400), feederTime(800), 14));
        assertEquals(2002, store.count(PHASE, ALL_START, ALL_END, 11));
        assertEquals(2003, store.count(PHASE, ALL_START, ALL_END, 12));
        assertEquals(2008, store.count(PHASE, ALL_START, ALL_END, Version.LATEST));
        assertEquals(0, store.count(SPARE, ALL_START, ALL_END, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenOpened_thenAlignedWindowsAsWritten() throws StoreException {
        List<StatPoint> feeder = Collect.aligned(store, FEEDER, ALL_START, ALL_END, 34, Version.LATEST);
        Collect.assertStats(
                List.of(
                        new StatPoint(1699999990501343232L, -163.5, 7140.160803459357, 7292.10009765625, 722),
                        new StatPoint(1700000007681212416L, 7200.0, 7251.312075654704, 7299.89990234375, 2062),
                        new StatPoint(1700000024861081600L, 120.0, 570.3346715781836, 7349.0, 1066)),
                feeder,
                "feeder pw 34 literal");
        for (int pw : new int[] {24, 30, 36}) {
            Collect.assertStats(
                    Collect.expectedAligned(feederAt(14), ALL_START, ALL_END, pw),
                    Collect.aligned(store, FEEDER, ALL_START, ALL_END, pw, 14),
                    "feeder version 14 pw " + pw);
            Collect.assertStats(
                    Collect.expectedAligned(feederAt(Version.LATEST), ALL_START, ALL_END, pw),
                    Collect.aligned(store, FEEDER, ALL_START, ALL_END, pw, Version.LATEST),
                    "feeder latest pw " + pw);
        }
        List<StatPoint> phase = Collect.aligned(store, PHASE, ALL_START, ALL_END, 56, 12);
        Collect.assertStats(
                List.of(
                        new StatPoint(-1152921504606846976L, 1e-300, 1e-300, 1e-300, 1),
                        new StatPoint(1657324662872342528L, -1000.0, 668.8032650341497, 2335.3333333333335, 2001),
                        new StatPoint(3386706919782612992L, 1e300, 1e300, 1e300, 1)),
                phase,
                "phase pw 56 literal");
        Collect.assertStats(
                Collect.expectedAligned(phaseAt(Version.LATEST), ALL_START, ALL_END, 32),
                Collect.aligned(store, PHASE, ALL_START, ALL_END, 32, Version.LATEST),
                "phase latest pw 32");
    }

    @Test
    void givenGoldenStore_whenOpened_thenWindowsAsWritten() throws StoreException {
        long start = PHASE_START - 1_000_000_000L;
        long end = PHASE_START + 60_000_000_000L;
        Collect.assertStats(
                Collect.expectedWindows(phaseAt(12), start, end, 1_000_000_000L),
                Collect.windows(store, PHASE, start, end, 1_000_000_000L, 12),
                "phase version 12 1 s windows");
    }

    /**
     * The ranges are whole tree slots: FEEDER's points before BASE + 7.68 s (922 points) form one leaf, the slot of
     * 2^38 ns at {@link #SLOT_38}; the later points hang below a core node in leaves of 2^32 ns (the second batch,
     * BASE + 25 s to 33.3 s, changed two of them). PHASE's duplicate lies in its own first leaf, in the same slot.
     */
    @Test
    void givenGoldenStore_whenOpened_thenChangesAsWritten() throws StoreException {
        ChangedRange firstLeaf = new ChangedRange(SLOT_38, SLOT_38 + (1L << 38));
        assertEquals(
                new Changes(14, List.of(new ChangedRange(SLOT_38, 1700000033451016192L))),
                store.changes(FEEDER, 10, 14, 30));
        assertEquals(
                new Changes(12, List.of(new ChangedRange(1700000024861081600L, 1700000033451016192L))),
                store.changes(FEEDER, 11, 12, 30));
        assertEquals(new Changes(13, List.of(firstLeaf)), store.changes(FEEDER, 12, 13, 30));
        assertEquals(new Changes(14, List.of(firstLeaf)), store.changes(FEEDER, 13, 14, 20));
        assertEquals(new Changes(14, List.of()), store.changes(FEEDER, 14, 14, 20));
        assertEquals(new Changes(12, List.of(firstLeaf)), store.changes(PHASE, 11, 0, 20));
    }

    @Test
    void givenGoldenStore_whenOpened_thenNearestEarliestLatestAsWritten() throws StoreException {
        long deletedStart = feederTime(FEEDER_DELETED_FROM);
        assertEquals(
                Optional.of(new RawPoint(feederTime(FEEDER_DELETED_TO), feederValue(FEEDER_DELETED_TO))),
                store.nearest(FEEDER, deletedStart, false, 14));
        assertEquals(
                Optional.of(new RawPoint(feederTime(FEEDER_DELETED_FROM - 1), feederValue(FEEDER_DELETED_FROM - 1))),
                store.nearest(FEEDER, feederTime(FEEDER_DELETED_TO), true, 14));
        assertEquals(
                Optional.of(new RawPoint(deletedStart, feederValue(FEEDER_DELETED_FROM))),
                store.nearest(FEEDER, deletedStart, false, 12));
        assertEquals(Optional.of(new RawPoint(BASE, 7200f)), store.earliest(FEEDER, Version.LATEST));
        assertEquals(
                Optional.of(new RawPoint(feederTime(FEEDER_TAIL - 1), 7349)), store.latest(FEEDER, Version.LATEST));
        assertEquals(Optional.of(new RawPoint(feederTime(FEEDER_SECOND - 1), 120.11)), store.latest(FEEDER, 14));
        assertEquals(Optional.of(new RawPoint(TimeSeriesStore.MIN_TIME, 1e-300)), store.earliest(PHASE, 12));
        assertEquals(Optional.of(new RawPoint(TimeSeriesStore.MAX_TIME - 1, 1e300)), store.latest(PHASE, 12));
        assertEquals(Optional.empty(), store.latest(SPARE, Version.LATEST));
    }

    @Test
    void givenGoldenStore_whenClosedAndReopened_thenTailCommittedAndAnswersUnchanged() throws StoreException {
        store.close();
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), OPTIONS);

        assertEquals(new Version(15, 0), store.version(FEEDER));
        assertEquals(new Version(13, 0), store.version(PHASE));
        assertEquals(feederAt(Version.LATEST), raw(FEEDER, 15));
        assertEquals(feederAt(14), raw(FEEDER, 14));
        assertEquals(phaseAt(Version.LATEST), raw(PHASE, 13));
    }

    /** FEEDER as the writer left it at {@code version}; {@link Version#LATEST} includes the uncommitted tail. */
    private static List<RawPoint> feederAt(long version) {
        boolean isLatest = version == Version.LATEST;
        int end = version == 11 ? FEEDER_FIRST : isLatest ? FEEDER_TAIL : FEEDER_SECOND;
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            boolean isDeleted = (version >= 13 || isLatest) && i >= FEEDER_DELETED_FROM && i < FEEDER_DELETED_TO;
            boolean isReplaced = (version >= 14 || isLatest) && i >= FEEDER_REPLACED_FROM && i < FEEDER_REPLACED_TO;
            if (!isDeleted) {
                points.add(new RawPoint(feederTime(i), isReplaced ? feederReplacement(i) : feederValue(i)));
            }
        }
        return points;
    }

    /** PHASE at {@code version}: the extreme times, the duplicate kept by NEVER from 12 on, the tail at LATEST. */
    private static List<RawPoint> phaseAt(long version) {
        boolean isLatest = version == Version.LATEST;
        List<RawPoint> points = new ArrayList<>();
        points.add(new RawPoint(TimeSeriesStore.MIN_TIME, 1e-300));
        for (int i = 0; i < (isLatest ? PHASE_POINTS + PHASE_TAIL : PHASE_POINTS); i++) {
            points.add(new RawPoint(phaseTime(i), phaseValue(i)));
            if (i == PHASE_DUPLICATE && (version >= 12 || isLatest)) {
                points.add(new RawPoint(phaseTime(i), 42));
            }
        }
        points.add(new RawPoint(TimeSeriesStore.MAX_TIME - 1, 1e300));
        return points;
    }

    private List<RawPoint> raw(UUID uuid, long version) throws StoreException {
        return Collect.raw(store, uuid, ALL_START, ALL_END, version);
    }

    private static Map<String, String> anyValueOf(String key) {
        Map<String, String> tags = new HashMap<>();
        tags.put(key, null);
        return tags;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
