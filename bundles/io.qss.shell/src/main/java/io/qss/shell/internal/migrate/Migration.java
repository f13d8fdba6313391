// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import com.mongodb.client.MongoCollection;
import io.qss.auth.Account;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.dat.DatCodecs;
import io.qss.receiver.Spool;
import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegistryException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.SyncService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.BsonDocument;

/**
 * A whole migration from a Quickstart Server: devices with their stream UUIDs and paths (upmuconfig.ini), tag
 * configuration (tagconfig.json), plotter accounts and permalinks, then every received file into the spool, waiting
 * for sync to ingest them, and the report. Each step leaves alone what an earlier run did, so running it again after
 * a stop or crash resumes it. Blocking; one migration at a time.
 */
public final class Migration {

    /**
     * What to migrate.
     *
     * @param source a mongodump folder or a {@code mongodb://} URI; never null
     * @param upmuconfig the old upmuconfig.ini, or null to keep qss's devices as they are
     * @param tagconfig the old tagconfig.json, or null
     * @param isWaitingForSync whether to wait until sync ingested every file
     */
    public record Options(String source, Path upmuconfig, Path tagconfig, boolean isWaitingForSync) {}

    /** The qss services a migration writes to. */
    public record Target(
            DeviceRegistry registry,
            AuthAdmin admin,
            Spool spool,
            SyncService sync,
            MongoCollection<BsonDocument> permalinks) {}

    /** The outcome of {@link #verify}: whether qss holds every file and point of the source. */
    public record Verdict(boolean isMatching) {}

    static final String STATE = "migrate";
    private static final long STALL_SECONDS = 600;

    private final Target target;
    private final PrintStream out;
    private final ProgressBar.Factory progress;

    public Migration(Target target, PrintStream out) {
        this.target = target;
        this.out = out;
        this.progress = (what, total) -> new ProgressBar(out, what, total, System::nanoTime);
    }

    /** Runs every step and prints the report. */
    public void run(Options options) throws MigrationException, InterruptedException {
        if (options.upmuconfig() != null) {
            importDevices(read(options.upmuconfig()));
        }
        if (options.tagconfig() != null) {
            importTags(read(options.tagconfig()), options.tagconfig().toString());
        }
        try (MigrationSource source = MigrationSource.open(options.source())) {
            out.println("migrating from " + source.describe());
            importAccounts(source.accounts());
            PermalinkMigration.Outcome links = PermalinkMigration.run(source.permalinks(), target.permalinks());
            out.print(MigrationReport.step("permalinks", links.added(), links.kept(), links.problems()));
            FileMigration.Outcome files = migrateFiles(source);
            List<DeviceSyncStatus> sync =
                    options.isWaitingForSync() ? waitForSync(files.devices().keySet()) : List.of();
            out.print(MigrationReport.text(files, target.registry()::bySerial, sync));
        }
    }

    /** Compares files and points per device of {@code source} with qss and prints the table; changes nothing. */
    public static Verdict verify(
            String source, DeviceRegistry registry, SyncService sync, TimeSeriesStore store, PrintStream out)
            throws MigrationException {
        try (MigrationSource s = MigrationSource.open(source)) {
            out.println("verifying against " + s.describe());
            Verification.Result result = Verification.run(s, registry, sync, store);
            out.print(result.text());
            return new Verdict(result.isMatching());
        }
    }

    /**
     * Replaces qss's uPMUs by those of the ini (UUIDs and paths kept) and saves. Refuses when qss has unsaved edits
     * or devices the ini does not name: the import would drop them.
     */
    void importDevices(String ini) throws MigrationException {
        DeviceRegistry registry = target.registry();
        try {
            if (registry.unsavedChanges() > 0) {
                throw new MigrationException("qss has unsaved device edits; run upmu:save or upmu:pending --discard"
                        + " first [unsaved=" + registry.unsavedChanges() + "]");
            }
            List<DeviceChange> changes = registry.previewIni(ini);
            String removed = changes.stream()
                    .filter(c -> c.kind() == DeviceChange.Kind.REMOVED)
                    .map(c -> c.alias() + "(" + c.serial() + ")")
                    .collect(Collectors.joining(","));
            if (!removed.isEmpty()) {
                throw new MigrationException("qss has devices the upmuconfig.ini does not name; add them to the ini or"
                        + " remove them (upmu:rem) first [devices=" + removed + "]");
            }
            if (!changes.isEmpty()) {
                registry.importIni(ini);
                registry.save();
            }
            out.println("devices: " + registry.devices().size() + " from upmuconfig.ini, " + changes.size()
                    + " added or changed (stream UUIDs and paths as in the ini)");
        } catch (RegistryException e) {
            throw new MigrationException("importing upmuconfig.ini failed", e);
        }
    }

    void importTags(String json, String file) throws MigrationException {
        Map<String, List<String>> tags = TagConfig.parse(json, file);
        try {
            for (Map.Entry<String, List<String>> e : tags.entrySet()) {
                target.admin().setTagPrefixes(e.getKey(), e.getValue());
            }
        } catch (AuthException e) {
            throw new MigrationException("storing the tag configuration failed [file=" + file + "]", e);
        }
        out.println("tags: " + tags.size() + " from " + file + " " + tags);
    }

    private void importAccounts(List<BsonDocument> docs) {
        Set<String> existing =
                target.admin().accounts().stream().map(Account::user).collect(Collectors.toCollection(TreeSet::new));
        AccountMigration.Outcome accounts = AccountMigration.run(docs, existing, target.admin()::putAccountWithHash);
        out.print(MigrationReport.step("accounts", accounts.added(), accounts.kept(), accounts.problems()));
    }

    private FileMigration.Outcome migrateFiles(MigrationSource source) throws MigrationException {
        Path state;
        try {
            state = target.spool().stateDirectory(STATE);
        } catch (IOException e) {
            throw new MigrationException(
                    "creating the migration state folder failed [spool="
                            + target.spool().root() + "]",
                    e);
        }
        try (MigrationJournal journal = MigrationJournal.open(state)) {
            return new FileMigration(target.spool(), journal, DatCodecs.decoder(), progress).run(source);
        }
    }

    private List<DeviceSyncStatus> waitForSync(Set<String> serials) throws InterruptedException {
        Set<String> registered = serials.stream()
                .filter(serial -> target.registry().bySerial(serial).isPresent())
                .collect(Collectors.toSet());
        return SyncWait.await(target.sync(), registered, progress, out, STALL_SECONDS);
    }

    private static String read(Path file) throws MigrationException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException(
                    "reading " + file.getFileName() + " failed [file=" + file.toAbsolutePath() + "]", e);
        }
    }
}
