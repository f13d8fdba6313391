// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.event.ClusterListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a writing JVM never loses a write the embedded MongoDB acknowledged. */
class KillDurabilityTest {

    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void givenWriterKilledAtRandomMoments_whenReopened_thenEveryAcknowledgedDocumentIsThere() throws Exception {
        long seed = Long.getLong("qss.seed", System.nanoTime());
        System.out.println("KillDurabilityTest seed=" + seed + " (rerun with -Dqss.seed=" + seed + ")");
        Random random = new Random(seed);
        Path file = dir.resolve("qss.mv.db");
        Set<Long> acknowledged = new HashSet<>();
        long nextId = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> acked = runAndKill(file, nextId, 300 + random.nextInt(900));
            assertTrue(acked.size() > 0, "child acknowledged nothing in round " + round);
            acknowledged.addAll(acked);
            nextId = acked.get(acked.size() - 1) + 1_000_000;
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClientFactory.forEmbedded(server, new ClusterListener() {})) {
            Set<Long> stored = new HashSet<>();
            client.getDatabase("upmu_database")
                    .getCollection("latest_times")
                    .find()
                    .batchSize(1000)
                    .forEach((Document doc) -> stored.add(doc.getLong("_id")));
            Set<Long> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertEquals(Set.of(), lost, "acknowledged but lost (seed=" + seed + ")");
        }
    }

    /** Starts a writer, lets it run for {@code millis} after it is ready, kills it with SIGKILL. */
    private static List<Long> runAndKill(Path file, long firstId, long millis) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledWriterChild.class.getName(),
                        file.toString(),
                        Long.toString(firstId))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> acked = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line = out.readLine();
            assertEquals("ready", line, "child did not start");
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < killAt && (line = out.readLine()) != null) {
                acked.add(Long.parseLong(line.substring("acked ".length())));
            }
            // SIGKILL through the process handle: Process.destroyForcibly would also close our end of the pipe.
            child.toHandle().destroyForcibly();
            // Lines already written before the kill are acknowledged writes too.
            while ((line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acked.add(Long.parseLong(line.substring("acked ".length())));
                }
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        return acked;
    }
}
