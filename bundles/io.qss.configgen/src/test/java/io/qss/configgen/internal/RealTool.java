// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs a real system tool (shorewall, apcupsd) for the checks of generated files. */
final class RealTool {

    private RealTool() {}

    /** The tool's path, or skips the test saying which Debian package to install. */
    static Path require(String name, String debianPackage) {
        Optional<Path> found = List.of(Path.of("/sbin", name), Path.of("/usr/sbin", name)).stream()
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(
                found.isPresent(),
                name + " is not installed, so the generated file is not checked with it"
                        + " [install=apt-get install -y " + debianPackage + "]");
        return found.get();
    }

    /** Skips the test unless it runs as root, which the tool needs. */
    static void requireRoot(String why) {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "not root, so the check is skipped [reason=" + why + "]");
    }

    record Result(int exitCode, String output) {}

    /** Runs to completion within {@code seconds}, output and errors merged. */
    static Result run(Path workDir, int seconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("tool-output.log").toFile())
                .start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("tool did not finish in time [command=" + String.join(" ", command)
                        + ", seconds=" + seconds + "]");
            }
            return new Result(
                    process.exitValue(), Files.readString(workDir.resolve("tool-output.log"), StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
