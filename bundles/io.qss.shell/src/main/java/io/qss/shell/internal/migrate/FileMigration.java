// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.dat.DatDecoder;
import io.qss.dat.DatSummary;
import io.qss.receiver.Spool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Moves the old server's received files into the spool, where sync ingests them as if the uPMUs had just sent them.
 * Files are deduplicated by device and path: the first document of a path is kept, later ones with the same bytes
 * are counted as duplicates, later ones with other bytes are listed as conflicts (and left out). Every file is
 * decoded once for the report, but stored as received even when it does not decode, so nothing is lost. A file
 * recorded in the journal by an earlier run is counted, not stored again: the migration resumes after a stop or a
 * crash. Not thread-safe.
 */
final class FileMigration {

    /**
     * What a run did.
     *
     * @param total documents in the source
     * @param devices per serial, what the source holds (every distinct file, also those of earlier runs)
     * @param spooled files stored into the spool by this run
     * @param earlier files an earlier run had stored
     * @param duplicates documents repeating a path with the same bytes
     * @param conflicts documents repeating a path with other bytes, left out
     * @param unreadable documents that are no file, with why
     * @param bytes bytes stored by this run
     * @param nanos how long the run took
     */
    record Outcome(
            long total,
            Map<String, DeviceTally> devices,
            int spooled,
            int earlier,
            int duplicates,
            List<String> conflicts,
            List<String> unreadable,
            long bytes,
            long nanos) {}

    private final Spool spool;
    private final MigrationJournal journal;
    private final DatDecoder decoder;
    private final ProgressBar.Factory progress;

    FileMigration(Spool spool, MigrationJournal journal, DatDecoder decoder, ProgressBar.Factory progress) {
        this.spool = spool;
        this.journal = journal;
        this.decoder = decoder;
        this.progress = progress;
    }

    /**
     * Runs over every received file of {@code source}.
     *
     * @throws MigrationException when the source cannot be read or the spool refuses data (disk guard, write
     *     failure); what was stored so far stays and a new run resumes after it
     */
    Outcome run(MigrationSource source) throws MigrationException {
        long started = System.nanoTime();
        long total = source.receivedFileCount();
        ProgressBar bar = progress.create("files", total);
        Run run = new Run(total);
        source.forEachReceivedFile((file, problem) -> {
            if (file == null) {
                run.unreadable.add(problem);
            } else {
                migrate(file, run);
            }
            bar.step(++run.seen);
        });
        bar.finish(run.seen);
        return new Outcome(
                Math.max(total, run.seen),
                run.devices,
                run.spooled,
                run.earlier,
                run.duplicates,
                run.conflicts,
                run.unreadable,
                run.bytes,
                System.nanoTime() - started);
    }

    private void migrate(ReceivedFile file, Run run) throws MigrationException {
        String key = file.key();
        String fingerprint = fingerprint(file.data());
        String kept = run.kept.get(key);
        String recorded = journal.fingerprint(key);
        if (kept == null && recorded != null && !recorded.equals(fingerprint)) {
            kept = recorded;
            run.kept.put(key, recorded);
        }
        if (kept != null) {
            if (kept.equals(fingerprint)) {
                run.duplicates++;
            } else {
                run.conflicts.add("serial=" + file.serial() + ", name=" + file.name() + ", _id=" + file.id()
                        + ": same path as an earlier file with other bytes; the earlier one is kept");
            }
            return;
        }
        run.kept.put(key, fingerprint);
        tally(file, run);
        if (recorded != null) {
            run.earlier++;
            return;
        }
        if (store(file, run)) {
            journal.record(key, fingerprint);
        }
    }

    /** Stores the file; false when its serial or path cannot be a spool path (listed as not migrated). */
    private boolean store(ReceivedFile file, Run run) throws MigrationException {
        if (!spool.isAcceptingData()) {
            throw new MigrationException("the spool refuses new data (the disk guard's limit is reached); free"
                    + " space and run the migration again [serial=" + file.serial() + ", name=" + file.name() + "]");
        }
        try {
            run.bytes += spool.store(file.serial(), file.name(), file.data()).size();
            run.spooled++;
            return true;
        } catch (IllegalArgumentException e) {
            run.unreadable.add("not migrated: unusable serial or path [_id=" + file.id() + ", serial=" + file.serial()
                    + ", name=" + file.name() + "]: " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new MigrationException(
                    "storing a file into the spool failed [serial=" + file.serial() + ", name=" + file.name() + "]", e);
        }
    }

    private void tally(ReceivedFile file, Run run) {
        DatSummary summary = decoder.decode(file.data(), file.name(), r -> {});
        run.devices.computeIfAbsent(file.serial(), DeviceTally::new).add(file.name(), summary);
    }

    /** Size and CRC-32 of the bytes: tells a repeated file from another one at the same path. */
    static String fingerprint(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return data.length + ":" + Long.toHexString(crc.getValue());
    }

    /** The counters of one run. */
    private static final class Run {
        final Map<String, DeviceTally> devices = new TreeMap<>();
        final Map<String, String> kept = new HashMap<>();
        final List<String> conflicts = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        final long total;
        long seen;
        int spooled;
        int earlier;
        int duplicates;
        long bytes;

        Run(long total) {
            this.total = total;
        }
    }
}
