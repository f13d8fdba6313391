// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.receiver.internal.SpoolImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a migration half way, then a second run: every distinct file ends up in the spool exactly once with its
 * bytes, no partial file is left, and the journal names each file once.
 */
class MigrationKillTest {

    private static final int FILES_PER_DEVICE = 300;

    @TempDir
    Path dir;

    @Test
    void givenMigrationKilledHalfWay_whenRunAgain_thenEveryFileOnceAndNothingPartial() throws Exception {
        QuickstartDump fixture = QuickstartDump.write(dir, FILES_PER_DEVICE, 5);
        Path raw = dir.resolve("raw");
        Path state = dir.resolve("state");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MigrationChild.class.getName(),
                        fixture.dump.toString(),
                        raw.toString(),
                        state.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (journalLines(state) < 100 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor();
        assertNotEquals(0, child.exitValue(), "the child finished before it was killed; make the fixture larger");
        int journaledBeforeKill = journalLines(state);

        SpoolImpl spool = new SpoolImpl(raw, () -> true);
        FileMigration.Outcome again;
        try (MigrationSource source = DumpSource.of(fixture.dump);
                MigrationJournal journal = MigrationJournal.open(state)) {
            again = new FileMigration(
                            spool,
                            journal,
                            DatCodecs.decoder(),
                            (w, t) -> new ProgressBar(System.out, w, t, System::nanoTime))
                    .run(source);
        }

        int distinct = 3 * FILES_PER_DEVICE + 2;
        assertTrue(again.earlier() >= journaledBeforeKill && again.earlier() < distinct, again.toString());
        assertEquals(distinct, again.earlier() + again.spooled());
        assertEquals(distinct, spooledFiles(raw).size());
        for (QuickstartDump.Device d : QuickstartDump.DEVICES) {
            for (int i = 0; i < FILES_PER_DEVICE; i += 7) {
                Path f = spool.deviceDirectory(d.serial())
                        .resolve(QuickstartDump.name(d.serial(), i).substring(1));
                assertArrayEquals(fixture.file(d, i), Files.readAllBytes(f), f.toString());
            }
        }
        List<String> lines = Files.readAllLines(state.resolve(MigrationJournal.FILE));
        assertEquals(distinct, lines.size());
        assertEquals(
                distinct,
                new HashSet<>(lines.stream()
                                .map(l -> l.substring(0, l.lastIndexOf('\t')))
                                .toList())
                        .size());
    }

    private static int journalLines(Path state) throws Exception {
        Path file = state.resolve(MigrationJournal.FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        int lines = 0;
        for (byte b : Files.readAllBytes(file)) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    private static List<Path> spooledFiles(Path raw) throws Exception {
        try (Stream<Path> walk = Files.walk(raw)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !raw.relativize(p).toString().startsWith("."))
                    .toList();
        }
    }
}
