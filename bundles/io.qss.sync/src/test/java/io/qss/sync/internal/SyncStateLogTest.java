// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStateLogTest {

    @TempDir
    Path dir;

    @Test
    void givenEvents_whenReopened_thenLastEventPerPathWins() throws Exception {
        Path file = dir.resolve("P1.log");
        try (SyncStateLog log = SyncStateLog.open(file)) {
            log.failed("a.dat", 1, 10, 5, "bad\tthing");
            log.synced("a.dat", 1, 11, 6, "");
            log.synced("b.dat", 1, 12, 7, "");
            log.deleted("b.dat");
            log.synced("c.dat", 1, 13, 8, "device c registered base,\tsends extended files");
        }
        Files.writeString(file, "S\t1\t1", StandardOpenOption.APPEND);

        try (SyncStateLog log = SyncStateLog.open(file)) {
            assertTrue(log.get("a.dat").isSynced());
            assertEquals(11, log.get("a.dat").size());
            assertNull(log.get("b.dat"));
            assertTrue(log.get("c.dat").isSynced());
            assertEquals(
                    "device c registered base, sends extended files",
                    log.get("c.dat").reason());
        }
    }

    @Test
    void givenManySupersededLines_whenOpened_thenCompacted() throws Exception {
        Path file = dir.resolve("P1.log");
        try (SyncStateLog log = SyncStateLog.open(file)) {
            for (int i = 0; i < 500; i++) {
                log.synced("a.dat", i, 1, 1, "");
            }
        }

        SyncStateLog.open(file).close();

        assertEquals(1, Files.readAllLines(file).size());
        assertEquals(499, SyncStateLog.read(file).get("a.dat").generation());
    }

    @Test
    void givenRandomEvents_whenCounted_thenCountsEqualAWalkOfTheEntries() throws Exception {
        long seed = System.nanoTime();
        System.out.println("SyncStateLogTest seed=" + seed);
        Random random = new Random(seed);
        Path file = dir.resolve("P1.log");
        try (SyncStateLog log = SyncStateLog.open(file)) {
            for (int i = 0; i < 3_000; i++) {
                String path = "f" + random.nextInt(200) + ".dat";
                long generation = random.nextInt(4);
                switch (random.nextInt(3)) {
                    case 0 -> log.synced(path, generation, 1, 1, "");
                    case 1 -> log.failed(path, generation, 1, 1, "bad " + i);
                    default -> log.deleted(path);
                }
                if (i % 100 == 0) {
                    assertCountsMatchEntries(log, seed);
                }
            }
            assertCountsMatchEntries(log, seed);
        }
        try (SyncStateLog reopened = SyncStateLog.open(file)) {
            assertCountsMatchEntries(reopened, seed);
        }
    }

    private static void assertCountsMatchEntries(SyncStateLog log, long seed) {
        for (long min = 0; min <= 4; min++) {
            final long generation = min;
            List<Map.Entry<String, SyncStateLog.Entry>> atOrAfter = log.entries().entrySet().stream()
                    .filter(e -> e.getValue().generation() >= generation)
                    .toList();
            assertEquals(
                    atOrAfter.stream().filter(e -> e.getValue().isSynced()).count(),
                    log.syncedSince(generation),
                    "synced, seed=" + seed);
            assertEquals(
                    atOrAfter.stream().filter(e -> e.getValue().isFailed()).count(),
                    log.failedSince(generation),
                    "failed, seed=" + seed);
            List<String> firstFailed = atOrAfter.stream()
                    .filter(e -> e.getValue().isFailed())
                    .map(Map.Entry::getKey)
                    .sorted()
                    .limit(20)
                    .toList();
            assertEquals(
                    firstFailed,
                    log.failuresSince(generation, 20).stream()
                            .map(Map.Entry::getKey)
                            .toList(),
                    "failures, seed=" + seed);
        }
    }
}
