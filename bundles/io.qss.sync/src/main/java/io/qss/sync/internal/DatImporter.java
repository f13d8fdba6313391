// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.dat.DatFileSerials;
import io.qss.receiver.Spool;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.sync.ImportProgress;
import io.qss.sync.ImportReport;
import io.qss.sync.RefusedFile;
import io.qss.sync.SyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code importdat}: copies the {@code .dat} files of a folder tree into the spool of their device (the sync queue).
 * A file goes only to the serial its path names ({@link DatFileSerials}); the serial given to the import applies only
 * to files whose path names none, and every other case (two serials, another serial, an unregistered one, none at
 * all) is refused and listed, so a file never lands under another device's streams. A file named
 * {@code <serial>_<YYYYMMDD>_<HHMMSS>.dat} (or {@code <serial>_<YYYY-MM-DD>T<HH>:...}) lands where the device itself
 * would have sent it ({@code YYYY/MM/DD/HH/<name>}), anything else under {@code import/<path below the folder>}. A
 * file already spooled with the same size is skipped, so an import can be interrupted and run again. Stateless.
 */
final class DatImporter {

    private static final Pattern DATED_NAME =
            Pattern.compile("[^_]+_(\\d{4})-?(\\d{2})-?(\\d{2})[_T](\\d{2})[^/]*\\.dat");

    private final Spool spool;
    private final DeviceRegistry registry;

    DatImporter(Spool spool, DeviceRegistry registry) {
        this.spool = spool;
        this.registry = registry;
    }

    ImportReport run(Path root, String askedSerial, ImportProgress progress) throws IOException, SyncException {
        if (!Files.isDirectory(root)) {
            throw new SyncException("no such folder " + root + " [dir=" + root + "]", null);
        }
        requireRegistered(askedSerial);
        Set<String> registered =
                registry.devices().stream().map(RegisteredDevice::serial).collect(Collectors.toSet());
        List<Path> files = datFiles(root);
        int imported = 0;
        int skipped = 0;
        long bytes = 0;
        List<RefusedFile> refused = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String rel = root.relativize(f).toString().replace('\\', '/');
            DatFileSerials named = DatFileSerials.of(f.toAbsolutePath().toString(), registered);
            RefusedFile refusal = refusal(rel, named, askedSerial, registered);
            String outcome;
            if (refusal != null) {
                refused.add(refusal);
                outcome = "refused: " + refusal.reason();
            } else {
                String serial = named.serial().orElse(askedSerial);
                String target = spoolPath(rel);
                Path existing = spool.deviceDirectory(serial).resolve(target);
                if (Files.exists(existing) && Files.size(existing) == Files.size(f)) {
                    skipped++;
                    outcome = "already imported [serial=" + serial + "]";
                } else {
                    bytes += spool.importFile(serial, target, f).size();
                    imported++;
                    outcome = "imported [serial=" + serial + "]";
                }
            }
            progress.progress(i + 1, files.size(), rel, outcome);
        }
        return new ImportReport(files.size(), imported, skipped, bytes, refused);
    }

    /** Why the file may not be imported, or null when it may (under its named serial, else the asked one). */
    static RefusedFile refusal(String rel, DatFileSerials named, String asked, Set<String> registered) {
        String names = String.join("|", named.named());
        String askedText = asked == null ? "" : asked;
        String reason;
        if (named.isConflicting()) {
            reason = "file path names several serials [file=" + rel + ", serials=" + names + "]";
        } else if (named.serial().isPresent()
                && asked != null
                && !named.serial().get().equals(asked)) {
            reason = "file belongs to another serial [file=" + rel + ", names=" + names + ", asked=" + asked + "]";
        } else if (named.serial().isPresent()
                && !registered.contains(named.serial().get())) {
            reason = "serial not registered [file=" + rel + ", serial=" + names + "] (upmu:add it first)";
        } else if (named.serial().isEmpty() && asked == null) {
            reason = "file names no serial [file=" + rel + "] (give one: upmu:importdat DIR SERIAL)";
        } else {
            return null;
        }
        return new RefusedFile(rel, names, askedText, reason);
    }

    private void requireRegistered(String serial) throws SyncException {
        if (serial == null || registry.bySerial(serial).isPresent()) {
            return;
        }
        String namedSo = registry.devices().stream()
                .filter(d -> d.isNamedBy(serial))
                .findFirst()
                .map(d -> ", but a device has it as IP or alias: serial=" + d.serial() + ", alias=" + d.alias())
                .orElse("");
        throw new SyncException("no device with serial " + serial + " [serial=" + serial + namedSo + "]", null);
    }

    private static List<Path> datFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p ->
                            Files.isRegularFile(p) && p.getFileName().toString().endsWith(".dat"))
                    .sorted()
                    .toList();
        }
    }

    static String spoolPath(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Matcher m = DATED_NAME.matcher(name);
        if (m.matches()) {
            return m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4) + "/" + name;
        }
        return "import/" + rel;
    }
}
