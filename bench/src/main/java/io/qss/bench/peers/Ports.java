// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** A free loopback port for a peer, and the java binary that runs this bench (for QuestDB's own JVM). */
final class Ports {

    private Ports() {}

    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
