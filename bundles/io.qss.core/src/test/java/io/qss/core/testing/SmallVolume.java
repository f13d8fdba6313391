// SPDX-License-Identifier: Apache-2.0
package io.qss.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small tmpfs mounted around each test, to be filled to the last byte: the full-disk tests of the store, the
 * embedded MongoDB and the distribution share it (this module's test-jar) as
 * {@code @RegisterExtension final SmallVolume volume = SmallVolume.ofSize("8m");}. Mounting needs root; without it
 * the test is skipped with the reason.
 */
public final class SmallVolume implements BeforeEachCallback, AfterEachCallback {

    private final String size;
    private Path root;

    private SmallVolume(String size) {
        this.size = size;
    }

    /** A volume of {@code size} as {@code mount -o size=} takes it, e.g. {@code "8m"}. */
    public static SmallVolume ofSize(String size) {
        return new SmallVolume(size);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
        root = Files.createTempDirectory("qss-small-volume-");
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", root.toString()) == 0,
                "mounting a tmpfs needs root (mount -t tmpfs); the full-disk test is skipped");
    }

    /** Unmounts lazily: memory-mapped files or a server still exiting may keep the volume busy a while. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        run("umount", "-l", root.toString());
        Files.deleteIfExists(root);
    }

    /** Where the volume is mounted. */
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

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }
}
