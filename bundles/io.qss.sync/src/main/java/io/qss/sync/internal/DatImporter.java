// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.receiver.Spool;
import io.qss.registry.DeviceRegistry;
import io.qss.sync.ImportProgress;
import io.qss.sync.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code importdat}: copies the {@code .dat} files of a folder tree into the spool of their device (the sync queue).
 * A file named {@code <serial>_<YYYYMMDD>_<HHMMSS>.dat} lands where the device itself would have sent it
 * ({@code YYYY/MM/DD/HH/<name>}), anything else under {@code import/<path below the folder>}. A file already spooled
 * with the same size is skipped, so an import can be interrupted and run again. Stateless.
 */
final class DatImporter {

    private static final Pattern DEVICE_NAME = Pattern.compile("([A-Za-z0-9.-]+)_(\\d{4})(\\d{2})(\\d{2})_(\\d{2})\\d{4}\\.dat");

    private final Spool spool;
    private final DeviceRegistry registry;

    DatImporter(Spool spool, DeviceRegistry registry) {
        this.spool = spool;
        this.registry = registry;
    }

    ImportReport run(Path root, String fixedSerial, ImportProgress progress) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("import folder not found [dir=" + root + "]");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".dat")).sorted()
                    .toList();
        }
        int imported = 0;
        int skipped = 0;
        int unassigned = 0;
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String rel = root.relativize(f).toString().replace('\\', '/');
            String serial = fixedSerial != null ? fixedSerial : serialOf(rel);
            String outcome;
            if (serial == null || registry.bySerial(serial).isEmpty()) {
                unassigned++;
                outcome = serial == null ? "skipped: device unknown (name it: importdat DIR SERIAL)"
                        : "skipped: serial not registered [serial=" + serial + "]";
            } else {
                String target = spoolPath(rel);
                Path existing = spool.deviceDirectory(serial).resolve(target);
                if (Files.exists(existing) && Files.size(existing) == Files.size(f)) {
                    skipped++;
                    outcome = "already imported";
                } else {
                    bytes += spool.importFile(serial, target, f).size();
                    imported++;
                    outcome = "imported [serial=" + serial + "]";
                }
            }
            progress.progress(i + 1, files.size(), rel, outcome);
        }
        return new ImportReport(files.size(), imported, skipped, unassigned, bytes);
    }

    /** The serial that starts the file name, or else the registered serial naming a parent folder. */
    private String serialOf(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Matcher m = DEVICE_NAME.matcher(name);
        if (m.matches()) {
            return m.group(1);
        }
        for (String segment : rel.split("/")) {
            if (registry.bySerial(segment).isPresent()) {
                return segment;
            }
        }
        return null;
    }

    static String spoolPath(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        Matcher m = DEVICE_NAME.matcher(name);
        if (m.matches()) {
            return m.group(2) + "/" + m.group(3) + "/" + m.group(4) + "/" + m.group(5) + "/" + name;
        }
        return "import/" + rel;
    }
}
