// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The .dat files to send and the path each is sent under, in the order a device sends them. */
public final class DatFileSet {
    /** One file and its '/'-separated path relative to the root it was found under. */
    public record Entry(Path file, String sentPath, long bytes) {}

    private DatFileSet() {}

    /** Entries of every root: directories walked recursively and sorted by path, plain files by bare name. */
    public static List<Entry> list(List<Path> roots) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                entries.addAll(listDirectory(root));
            } else if (Files.isRegularFile(root)) {
                entries.add(new Entry(root, root.getFileName().toString(), Files.size(root)));
            } else {
                throw new IOException("no such file or directory [path=" + root + "]");
            }
        }
        return entries;
    }

    private static List<Entry> listDirectory(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".dat")) {
                    String sentPath = root.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), "/");
                    entries.add(new Entry(file, sentPath, Files.size(file)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::sentPath));
        return entries;
    }
}
