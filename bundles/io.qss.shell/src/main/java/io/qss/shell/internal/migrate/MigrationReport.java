// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.registry.RegisteredDevice;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.FailedFile;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The final report of a migration: totals and rates, per device its files, points and first and last sample time,
 * files that failed to decode (from the migration's own decoding and from sync) with why, and what was left out.
 * Stateless.
 */
final class MigrationReport {

    private MigrationReport() {}

    static String text(
            FileMigration.Outcome files,
            Function<String, Optional<RegisteredDevice>> devices,
            List<DeviceSyncStatus> sync) {
        StringBuilder out = new StringBuilder();
        long points = 0;
        for (DeviceTally t : files.devices().values()) {
            points += t.points(
                    devices.apply(t.serial()).map(RegisteredDevice::isExtended).orElse(false));
        }
        double seconds = Math.max(1e-9, files.nanos() / 1e9);
        out.append(String.format(
                "files: %d documents, %d distinct files (%d stored now, %d by an earlier run),"
                        + " %d duplicates, %d conflicts, %d unreadable%n",
                files.total(),
                distinct(files),
                files.spooled(),
                files.earlier(),
                files.duplicates(),
                files.conflicts().size(),
                files.unreadable().size()));
        out.append(String.format(
                "points: %d; this run %.1f s, %.1f files/s, %.1f MB/s%n",
                points, seconds, files.spooled() / seconds, files.bytes() / 1e6 / seconds));
        out.append(String.format(
                "%-16s %-10s %8s %14s  %-30s %-30s %s%n",
                "alias", "serial", "files", "points", "first", "last", "failed"));
        for (DeviceTally t : files.devices().values()) {
            Optional<RegisteredDevice> d = devices.apply(t.serial());
            out.append(String.format(
                    "%-16s %-10s %8d %14d  %-30s %-30s %d%n",
                    d.map(RegisteredDevice::alias).orElse("(not in ini)"),
                    t.serial(),
                    t.files(),
                    t.points(d.map(RegisteredDevice::isExtended).orElse(false)),
                    t.first() == null ? "-" : t.first(),
                    t.last() == null ? "-" : t.last(),
                    t.failedFiles()));
        }
        appendProblems(out, files, devices, sync);
        return out.toString();
    }

    private static void appendProblems(
            StringBuilder out,
            FileMigration.Outcome files,
            Function<String, Optional<RegisteredDevice>> devices,
            List<DeviceSyncStatus> sync) {
        for (DeviceTally t : files.devices().values()) {
            t.failures()
                    .forEach(f -> out.append("failed to decode: ")
                            .append(t.serial())
                            .append(' ')
                            .append(f)
                            .append('\n'));
            if (devices.apply(t.serial()).isEmpty()) {
                out.append("not in upmuconfig.ini: ")
                        .append(t.serial())
                        .append(": its ")
                        .append(t.files())
                        .append(" files are kept in the spool, not ingested; upmu:add the device to ingest them\n");
            }
        }
        for (DeviceSyncStatus s : sync) {
            for (FailedFile f : s.failures()) {
                out.append("sync failed: ")
                        .append(s.alias())
                        .append(' ')
                        .append(f.path())
                        .append(": ")
                        .append(f.reason())
                        .append('\n');
            }
        }
        files.conflicts().forEach(c -> out.append("conflict: ").append(c).append('\n'));
        files.unreadable().forEach(u -> out.append("unreadable: ").append(u).append('\n'));
    }

    private static long distinct(FileMigration.Outcome files) {
        return files.devices().values().stream().mapToLong(DeviceTally::files).sum();
    }

    /** One line per device of a step that moved settings (accounts, permalinks), with its problems. */
    static String step(String what, int added, int kept, List<String> problems) {
        StringBuilder out =
                new StringBuilder(String.format("%s: %d added, %d already in qss (kept)%n", what, added, kept));
        problems.forEach(
                p -> out.append(what).append(" not migrated: ").append(p).append('\n'));
        return out.toString();
    }
}
