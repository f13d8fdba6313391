// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer's server started by the bench: its own process, output appended to a log file, stopped with SIGTERM. */
final class ServerProcess {

    private final List<String> command;
    private final Path workDir;
    private final Path log;
    private Process process;

    ServerProcess(List<String> command, Path workDir) {
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.log = workDir.resolve("server.log");
    }

    /** Starts the process and waits until {@code http.isUp(readyPath)}; fails if it exits or is not up in 120 s. */
    void start(Http http, String readyPath) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!http.isUp(readyPath)) {
            if (!process.isAlive()) {
                throw new IOException("server exited at start [command=" + command.get(0) + ", exit="
                        + process.exitValue() + ", log=" + log + "]");
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("server not up after 120 s [command=" + command.get(0) + ", log=" + log + "]");
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM (each peer's clean shutdown), then SIGKILL if it has not exited after 120 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }
}
