// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import java.util.Locale;
import java.util.Map;

/**
 * A C37.118 device's properties, checked.
 *
 * @param host TCP: the PMU/PDC to connect to; UDP: the address to listen on (empty = every interface)
 * @param port TCP port to connect to, or UDP port to listen on
 * @param idcode the stream's IDCODE: commands go to it, frames of other ids are refused
 * @param isUdp whether the device sends spontaneously over UDP instead of answering on TCP
 */
record C37118Settings(String host, int port, int idcode, boolean isUdp) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String IDCODE = "idcode";
    static final String TRANSPORT = "transport";
    static final String UDP_PORT = "udpPort";
    static final int DEFAULT_TCP_PORT = 4712;
    static final int DEFAULT_UDP_PORT = 4713;

    /** @throws IllegalArgumentException naming the property when one is missing or invalid */
    static C37118Settings of(Map<String, String> properties) {
        String transport = properties.getOrDefault(TRANSPORT, "tcp").strip().toLowerCase(Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new IllegalArgumentException("transport must be tcp or udp [transport=" + transport + "]");
        }
        boolean isUdp = transport.equals("udp");
        String host = properties.getOrDefault(HOST, "").strip();
        if (!isUdp && host.isEmpty()) {
            throw new IllegalArgumentException("host missing for a TCP device [property=host]");
        }
        int port = isUdp
                ? number(properties, UDP_PORT, DEFAULT_UDP_PORT, 1, 65535)
                : number(properties, PORT, DEFAULT_TCP_PORT, 1, 65535);
        int idcode = number(properties, IDCODE, -1, 0, 65535);
        return new C37118Settings(host, port, idcode, isUdp);
    }

    /** {@code host:port/idcode}, the device's identity within the type. */
    String deviceId() {
        return (host.isEmpty() ? "*" : host) + ":" + port + "/" + idcode;
    }

    private static int number(Map<String, String> properties, String key, int fallback, int min, int max) {
        String text = properties.get(key);
        if (text == null || text.isBlank()) {
            if (fallback < 0) {
                throw new IllegalArgumentException(key + " missing [property=" + key + "]");
            }
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        key + " out of range [" + key + "=" + value + ", min=" + min + ", max=" + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number [" + key + "=" + text + "]", e);
        }
    }
}
