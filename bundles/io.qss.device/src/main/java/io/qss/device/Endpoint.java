// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/**
 * Where the device manager reaches a live device. The manager owns the socket: it connects, reconnects with back-off
 * and keeps the connection while the type's bundle is updated, so nothing the device sends in between is lost.
 * Immutable.
 *
 * @param transport how
 * @param host for {@link Transport#TCP_CLIENT} the device's host name or address; for {@link Transport#UDP_LISTENER}
 *     the address to bind (empty = every interface) ; never null
 * @param port TCP port to connect to, or UDP port to listen on, 1..65535
 */
public record Endpoint(Transport transport, String host, int port) {

    public Endpoint {
        if (transport == null || host == null) {
            throw new IllegalArgumentException("endpoint incomplete [transport=" + transport + ", host=" + host + "]");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port out of range [port=" + port + "]");
        }
    }

    /** How the manager talks to a live device. */
    public enum Transport {
        /** qss connects to the device over TCP and keeps the connection. */
        TCP_CLIENT,
        /** qss listens on a UDP port for datagrams the device sends on its own (and answers their sender). */
        UDP_LISTENER
    }
}
