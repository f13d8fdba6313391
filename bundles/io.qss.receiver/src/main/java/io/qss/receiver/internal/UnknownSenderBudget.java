// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The spool room of serials that are not registered: together they may hold at most {@code maxBytes} and
 * {@code maxFiles} (files being received count with their declared size), so a stranger cannot fill the data volume
 * and trip the disk guard for every device. Usage per serial is measured on disk the first time the serial sends,
 * then counted as files are stored (a file replaced or deleted by hand counts until the next start).
 * Registered serials are never limited; while the registered serials are not known yet, nobody is. Thread-safe.
 */
final class UnknownSenderBudget {

    /** Files and bytes of one serial in the spool, plus what its files being received declared. */
    private static final class Usage {
        long files;
        long bytes;
    }

    private final Supplier<Set<String>> registered;
    private final Function<String, Path> deviceDirectory;
    private long maxBytes;
    private long maxFiles;
    private final Map<String, Usage> usage = new HashMap<>();

    /**
     * @param registered the registered serials, or null while not known
     */
    UnknownSenderBudget(
            Supplier<Set<String>> registered, Function<String, Path> deviceDirectory, long maxBytes, long maxFiles) {
        this.registered = registered;
        this.deviceDirectory = deviceDirectory;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** Applies new limits to the next reservations (a configuration change). */
    synchronized void limits(long maxBytes, long maxFiles) {
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /**
     * Reserves room for a file of {@code bytes} from {@code serial}; returns null when granted (release it with
     * {@link #release}), else the reason for refusing.
     */
    synchronized String reserve(String serial, long bytes) {
        Set<String> known = registered.get();
        if (known == null || known.contains(serial)) {
            return null;
        }
        Usage mine = usage.computeIfAbsent(serial, this::measure);
        long files = 0;
        long total = 0;
        for (Map.Entry<String, Usage> e : usage.entrySet()) {
            if (!known.contains(e.getKey())) {
                files += e.getValue().files;
                total += e.getValue().bytes;
            }
        }
        if (files + 1 > maxFiles || total + bytes > maxBytes) {
            return "spool budget of unregistered serials used up [files=" + files + ", bytes=" + total + ", maxFiles="
                    + maxFiles + ", maxBytes=" + maxBytes + ", serial=" + serial + "]";
        }
        mine.files++;
        mine.bytes += bytes;
        return null;
    }

    /** Gives back a reservation of a file that was not stored. */
    synchronized void release(String serial, long bytes) {
        Usage mine = usage.get(serial);
        if (mine != null) {
            mine.files--;
            mine.bytes -= bytes;
        }
    }

    private Usage measure(String serial) {
        Usage u = new Usage();
        Path dir = deviceDirectory.apply(serial);
        if (!Files.isDirectory(dir)) {
            return u;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        u.files++;
                        u.bytes += a.size();
                    }
                } catch (IOException e) {
                    // A file that vanished while measuring takes no room.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Unreadable: count what was seen; the limit still holds for what arrives from now on.
        }
        return u;
    }
}
