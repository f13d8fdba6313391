// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.util.List;

/**
 * Settings of the binary API listener.
 *
 * @param host interface to bind, 0.0.0.0 for all
 * @param port TCP port, 0 for a free one
 * @param threads threads that run calls (queries and inserts block on the store)
 * @param maxInsertPoints most points one Insert may carry (414 above)
 * @param maxMessageBytes largest inbound gRPC message
 * @param maxCsvRows most rows one GenerateCSV may return
 * @param proxyEndpoints endpoints reported by Info as {@code proxy.proxyEndpoints}
 * @param build build string reported by Info
 */
record ServerSettings(
        String host,
        int port,
        int threads,
        int maxInsertPoints,
        int maxMessageBytes,
        long maxCsvRows,
        List<String> proxyEndpoints,
        String build) {

    ServerSettings {
        proxyEndpoints = List.copyOf(proxyEndpoints);
    }

    static ServerSettings defaults(String host, int port) {
        return new ServerSettings(host, port, 16, 1_000_000, 64 << 20, 5_000_000, List.of(), "test");
    }
}
