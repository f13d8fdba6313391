// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MongoSourceTest {

    @Test
    void givenNoServerOnThePort_whenConnecting_thenNotReachableNamesServerAndWait() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String uri = "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=500";

        MigrationException e = assertThrows(MigrationException.class, () -> MongoSource.connect(uri));

        assertTrue(
                e.getMessage().equals("MongoDB server not reachable [server=127.0.0.1:" + port + ", waited=500 ms]"),
                e.getMessage());
    }

    @Test
    void givenMalformedUriWithPassword_whenConnecting_thenMalformedWithoutThePassword() {
        MigrationException e =
                assertThrows(MigrationException.class, () -> MongoSource.connect("mongodb://old:secret@host:notaport"));

        assertTrue(e.getMessage().startsWith("MongoDB URI malformed [uri=mongodb://***@"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }
}
