// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static io.qss.store.internal.GoldenStoreV3Writer.AGED;
import static io.qss.store.internal.GoldenStoreV3Writer.DAY;
import static io.qss.store.internal.GoldenStoreV3Writer.ROUND_POINTS;
import static io.qss.store.internal.GoldenStoreV3Writer.T0;
import static io.qss.store.internal.GoldenStoreV3Writer.YOUNG;
import static io.qss.store.internal.GoldenStoreV3Writer.YOUNG_POINTS;
import static io.qss.store.internal.GoldenStoreV3Writer.time;
import static io.qss.store.internal.GoldenStoreV3Writer.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format compatibility: the store directory written by format version 3 ({@code src/test/resources/golden-store-v3/},
 * written once by {@link GoldenStoreV3Writer}, whose Javadoc lists what happened to it) opens with the current code and
 * answers exactly what was written, and its commit times, in a version run, a checkpoint and the metadata log, decide
 * retention by age to the millisecond. Expected points are modelled from the writer's formulas; versions, counts and
 * expiry counts are literals. Every later version must pass this test unchanged. The test opens a copy.
 */
class GoldenStoreV3Test {

    private static final String GOLDEN = "/golden-store-v3";
    private static final long AGED_HEAD = 22;

    @TempDir
    Path dir;

    @Test
    void givenGoldenStore_thenItHoldsARunOfTimedEntriesACheckpointAndALaterLog() throws Exception {
        Path golden = golden();
        assertEquals(
                List.of(
                        "CHECKPOINT",
                        "FORMAT",
                        "LOCK",
                        "blocks/blocks-000001.seg",
                        "blocks/blocks-000002.seg",
                        "blocks/blocks-000003.seg",
                        "checkpoint-00000002.meta",
                        "meta-00000002.log",
                        "versions-00000003.run",
                        "wal/wal-00000001.log"),
                files(golden));
        assertEquals("qss-store-format=3\n", Files.readString(golden.resolve("FORMAT")));
        // 16-byte header and 68 bytes per version: AGED 11..20, merged from checkpoints A and B
        assertEquals(16 + 68 * 10, Files.size(golden.resolve("versions-00000003.run")));
    }

    @Test
    void givenGoldenStore_whenOpened_thenEveryVersionAnswersAsWritten() throws Exception {
        try (TimeSeriesStoreImpl store = open(GoldenStoreV3Writer.options(), T0 + 20 * DAY)) {
            assertEquals(new Version(AGED_HEAD, 0), store.version(AGED));
            assertEquals(new Version(11, 0), store.version(YOUNG));
            for (long v = 11; v <= AGED_HEAD; v++) {
                assertEquals(agedAt(v), raw(store, AGED, v), "version " + v);
            }
            assertEquals(ROUND_POINTS * 12, store.count(AGED, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0));
            List<RawPoint> young = raw(store, YOUNG, 11);
            assertEquals(YOUNG_POINTS, young.size());
            assertEquals(new RawPoint(time(39), 39 / 4.0), young.get(39));
        }
    }

    /**
     * Day 0 versions are only in the run, day 10 ones in the run too (20 is the head checkpoint B names), day 20 ones
     * only in the log: a cutoff on the exact millisecond of day 10 keeps day 10, one millisecond later drops it.
     */
    @Test
    void givenGoldenStore_whenCompactedByAge_thenTheRecordedTimesDecideToTheMillisecond() throws Exception {
        try (TimeSeriesStoreImpl store = open(GoldenStoreV3Writer.options().withRetentionDays(15), T0 + 25 * DAY)) {
            assertEquals(7, store.compact(0).versionsExpired(), "AGED 10..16 (day 0); YOUNG has its head only");
            assertAgedKeptFrom(store, 17);
        }
        try (TimeSeriesStoreImpl store = open(GoldenStoreV3Writer.options().withRetentionDays(15), T0 + 25 * DAY + 1)) {
            assertEquals(4, store.compact(0).versionsExpired(), "AGED 17..20 (day 10)");
            assertAgedKeptFrom(store, 21);
        }
        try (TimeSeriesStoreImpl store = open(GoldenStoreV3Writer.options().withRetentionDays(1), T0 + 40 * DAY)) {
            assertEquals(1, store.compact(0).versionsExpired(), "AGED 21 (day 20); the heads stay");
            assertAgedKeptFrom(store, AGED_HEAD);
            assertEquals(YOUNG_POINTS, store.count(YOUNG, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 11));
        }
    }

    private TimeSeriesStoreImpl open(StoreOptions options, long nowMillis) throws Exception {
        if (!Files.exists(dir.resolve("FORMAT"))) {
            GoldenStoreV1Test.copyTree(golden(), dir);
        }
        return TimeSeriesStoreImpl.open(FileVolumes.open(dir), options, new SteppedClock(nowMillis));
    }

    private static void assertAgedKeptFrom(TimeSeriesStoreImpl store, long oldest) throws StoreException {
        for (long v = 11; v <= AGED_HEAD; v++) {
            long version = v;
            if (v >= oldest) {
                assertEquals(agedAt(v), raw(store, AGED, v), "version " + v);
            } else {
                assertEquals(
                        ErrorCode.VERSION_NOT_AVAILABLE,
                        assertThrows(StoreException.class, () -> raw(store, AGED, version))
                                .code(),
                        "version " + v);
            }
        }
    }

    /** AGED at a version: rounds 0 to version - 11, appended in time order. */
    private static List<RawPoint> agedAt(long version) {
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < (version - 10) * ROUND_POINTS; i++) {
            points.add(new RawPoint(time(i), value(i)));
        }
        return points;
    }

    private static List<RawPoint> raw(TimeSeriesStoreImpl store, UUID id, long version) throws StoreException {
        return Collect.raw(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, version);
    }

    private static Path golden() throws Exception {
        return Path.of(GoldenStoreV3Test.class.getResource(GOLDEN + "/FORMAT").toURI())
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
