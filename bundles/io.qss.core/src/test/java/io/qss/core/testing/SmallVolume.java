// SPDX-License-Identifier: Apache-2.0
package io.qss.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A small tmpfs mounted for one test, to be filled to the last byte: the full-disk tests of the store, the embedded
 * MongoDB and the distribution share it (this module's test-jar). Mounting needs root; without it the calling test
 * is skipped with the reason.
 */
public final class SmallVolume implements AutoCloseable {

    private final Path root;

    private SmallVolume(Path root) {
        this.root = root;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code "8m"}) at {@code dir}, creating it; skips the test without root. */
    public static SmallVolume mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0,
                "mounting a tmpfs needs root (mount -t tmpfs); the full-disk test is skipped");
        return new SmallVolume(dir);
    }

    public Path root() {
        return root;
    }

    /** Writes zeros into {@code name} until the volume has no byte left; returns the file, to delete it later. */
    public Path fill(String name) throws IOException {
        Path filler = root.resolve(name);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 16);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (true) {
                out.write(zeros.clear());
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    /** Unmounts lazily: memory-mapped files or a server still exiting may keep the volume busy a while. */
    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", root.toString());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
