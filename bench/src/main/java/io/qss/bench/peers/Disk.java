// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Disk chores: allocated size (sparse and preallocated files count as what they occupy), cleanup, page cache. */
public final class Disk {

    private Disk() {}

    /** {@code du -sB1}: the blocks a directory occupies, the honest size of memory-mapped, preallocated files. */
    static long allocatedBytes(Path dir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sB1", dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!du.waitFor(60, TimeUnit.SECONDS) || du.exitValue() != 0) {
            throw new IOException("du failed [dir=" + dir + ", output=" + out + "]");
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** Waits until the size of {@code dir} has not changed for {@code quietSeconds}, at most {@code maxSeconds}. */
    static long awaitStableSize(Path dir, int quietSeconds, int maxSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long size = allocatedBytes(dir);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = allocatedBytes(dir);
            if (now != size) {
                size = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= TimeUnit.SECONDS.toNanos(quietSeconds)) {
                break;
            }
        }
        return size;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Drops the page cache (needs root and a writable /proc/sys); returns whether it could. */
    public static boolean dropCaches() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
