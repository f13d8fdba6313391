// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.dat.DatCodecs;
import io.qss.receiver.internal.SpoolImpl;
import java.nio.file.Path;

/** A migration of files in a JVM of its own, for {@link MigrationKillTest} to kill: args dump, spool, state. */
public final class MigrationChild {

    private MigrationChild() {}

    public static void main(String[] args) throws Exception {
        SpoolImpl spool = new SpoolImpl(Path.of(args[1]), () -> true);
        try (MigrationSource source = DumpSource.of(Path.of(args[0]));
                MigrationJournal journal = MigrationJournal.open(Path.of(args[2]))) {
            new FileMigration(
                            spool,
                            journal,
                            DatCodecs.decoder(),
                            (what, total) -> new ProgressBar(System.out, what, total, System::nanoTime))
                    .run(source);
        }
    }
}
