// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

/**
 * Settings of capnp 3.x on the binary API port.
 *
 * @param isEnabled serve capnp (otherwise connections that are not gRPC are closed)
 * @param key API key whose rights capnp connections get; empty means anonymous (read {@code public} streams only)
 * @param insertCollection collection of a stream created by an insert to an unknown UUID
 */
record CapnpSettings(boolean isEnabled, String key, String insertCollection) {

    static CapnpSettings defaults() {
        return new CapnpSettings(true, "", "capnp");
    }
}
