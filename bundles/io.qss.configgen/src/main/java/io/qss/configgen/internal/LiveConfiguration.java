// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.ServedPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A snapshot of the qss listener PIDs' configuration (as ConfigurationAdmin holds it) and the ports they serve.
 * The plotter is served by the container's HTTP listener, so its ports come from pax-web's PID. A qss listener
 * without a configured port uses the default of its metatype ({@link MetatypePorts}); one whose bundle is not
 * installed, and so has no default, serves nothing unless a port is configured. Immutable.
 */
public final class LiveConfiguration {

    static final String REST = "io.qss.api.rest";
    static final String RECEIVER = "io.qss.receiver";
    static final String GRPC = "io.qss.api.grpc";
    static final String PLOTTER = "io.qss.plotter";
    /** The binary API's TLS port; absent or 0 means no TLS listener. */
    static final String GRPC_TLS_PORT = "tlsPort";
    /** The container's HTTP listener (pax-web's Jetty), which serves the plotter. */
    static final String PAX_WEB = "org.ops4j.pax.web";

    static final String HTTP_ENABLED = "org.osgi.service.http.enabled";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String HTTPS_ENABLED = "org.osgi.service.http.secure.enabled";
    static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    static final String LISTENING_ADDRESSES = "org.ops4j.pax.web.listening.addresses";

    /**
     * pax-web's keys that decide what the plotter serves, with pax-web's defaults; the rest of its PID (keystore,
     * passwords) is none of the generators' business.
     */
    static final Map<String, String> PAX_WEB_LISTENER_DEFAULTS = orderedMap(
            HTTP_ENABLED,
            "true",
            HTTP_PORT,
            "8080",
            HTTPS_ENABLED,
            "false",
            HTTPS_PORT,
            "8443",
            LISTENING_ADDRESSES,
            "0.0.0.0");

    /** qss's own listener PIDs, in the order their ports are listed. */
    public static final List<String> QSS_PIDS = List.of(PLOTTER, RECEIVER, GRPC, REST);

    /** Every PID read: qss's own and pax-web's, which holds the plotter's ports. */
    public static final List<String> PIDS = List.of(PLOTTER, PAX_WEB, RECEIVER, GRPC, REST);

    /** qss's listener PIDs with a {@code port} of their own (the plotter has none). */
    public static final List<String> PORT_PIDS = List.of(RECEIVER, GRPC, REST);

    private static final int DEFAULT_HTTP_PORT = Integer.parseInt(PAX_WEB_LISTENER_DEFAULTS.get(HTTP_PORT));
    private static final int DEFAULT_HTTPS_PORT = Integer.parseInt(PAX_WEB_LISTENER_DEFAULTS.get(HTTPS_PORT));

    private final Map<String, Map<String, Object>> byPid;
    private final Map<String, Integer> defaultPorts;

    /**
     * @param byPid properties per PID; a PID that is absent (or mapped to an empty map) has no configuration
     * @param defaultPorts the metatype default of {@code port} per PID of {@link #PORT_PIDS}; absent when the PID's
     *     bundle is not installed
     */
    public LiveConfiguration(Map<String, Map<String, Object>> byPid, Map<String, Integer> defaultPorts) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        byPid.forEach((pid, properties) -> copy.put(pid, Map.copyOf(properties)));
        this.byPid = Map.copyOf(copy);
        this.defaultPorts = Map.copyOf(defaultPorts);
    }

    /** The metatype default of {@code port} of {@code pid}; empty when unknown (bundle not installed). */
    public OptionalInt defaultPort(String pid) {
        Integer port = defaultPorts.get(pid);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The configured properties of {@code pid}, sorted by key; empty when it has none. */
    public Map<String, Object> properties(String pid) {
        return new TreeMap<>(byPid.getOrDefault(pid, Map.of()));
    }

    /**
     * The ports served to the network: plotter (HTTP and HTTPS, each if enabled), receiver, gRPC/capnp, gRPC over
     * TLS (if its port is set), REST.
     */
    public List<ServedPort> servedPorts() throws ConfigGenException {
        List<ServedPort> ports = new ArrayList<>();
        boolean isPlotterPublic = !isLoopbackOnly(listeningAddresses());
        if (isPlotterPublic && isEnabled(HTTP_ENABLED, true)) {
            addIfNew(ports, port(PAX_WEB, HTTP_PORT, DEFAULT_HTTP_PORT, "plotter (HTTP)"));
        }
        if (isPlotterPublic && isEnabled(HTTPS_ENABLED, false)) {
            addIfNew(ports, port(PAX_WEB, HTTPS_PORT, DEFAULT_HTTPS_PORT, "plotter (HTTPS)"));
        }
        addListener(ports, RECEIVER, "receiver (uPMU transfer protocol)");
        addListener(ports, GRPC, "binary API (gRPC v5, capnp 3.x)");
        if (isSet(GRPC, GRPC_TLS_PORT)) {
            addIfPublic(ports, GRPC, port(GRPC, GRPC_TLS_PORT, 0, "binary API over TLS (gRPC v5)"));
        }
        addListener(ports, REST, "REST API (BTrDB 3.x, /status, /health)");
        return List.copyOf(ports);
    }

    /** A listener's {@code port}, unless it has neither a configured port nor a default (not installed). */
    private void addListener(List<ServedPort> ports, String pid, String what) throws ConfigGenException {
        Object configured = value(pid, "port");
        boolean isConfigured = configured != null && !configured.toString().isBlank();
        if (isConfigured || defaultPorts.containsKey(pid)) {
            addIfPublic(ports, pid, port(pid, "port", defaultPorts.getOrDefault(pid, 0), what));
        }
    }

    /** True when {@code key} of {@code pid} holds something other than blank or 0 (an optional listener's port). */
    private boolean isSet(String pid, String key) {
        Object value = value(pid, key);
        return value != null
                && !value.toString().isBlank()
                && !value.toString().trim().equals("0");
    }

    private void addIfPublic(List<ServedPort> ports, String pid, ServedPort candidate) {
        Object host = value(pid, "host");
        if (!isLoopbackOnly(host == null ? List.of() : List.of(host.toString()))) {
            addIfNew(ports, candidate);
        }
    }

    private static void addIfNew(List<ServedPort> ports, ServedPort candidate) {
        if (ports.stream().noneMatch(p -> p.port() == candidate.port())) {
            ports.add(candidate);
        }
    }

    /** pax-web's bind addresses: a comma-separated list (or an array); none set means every address. */
    private List<String> listeningAddresses() {
        Object value = value(PAX_WEB, LISTENING_ADDRESSES);
        List<String> addresses = new ArrayList<>();
        if (value != null) {
            String joined = value.getClass().isArray()
                    ? String.join(
                            ",",
                            Arrays.stream((Object[]) value).map(String::valueOf).toList())
                    : value.toString();
            for (String address : joined.split(",")) {
                if (!address.isBlank()) {
                    addresses.add(address.trim());
                }
            }
        }
        return addresses;
    }

    /**
     * A listener bound to loopback only serves nobody on the network, so the firewall need not open it; one that
     * names no address listens on every address.
     */
    private static boolean isLoopbackOnly(List<String> addresses) {
        return !addresses.isEmpty()
                && addresses.stream()
                        .map(String::trim)
                        .allMatch(a -> a.equals("localhost") || a.equals("::1") || a.startsWith("127."));
    }

    /** A pax-web switch; anything but true or false stops the generation rather than guess which port is open. */
    private boolean isEnabled(String key, boolean defaultValue) throws ConfigGenException {
        Object value = value(PAX_WEB, key);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigGenException("invalid switch in the live configuration [pid=" + PAX_WEB + ", key=" + key
                    + ", value=" + value + ", expected=true|false]");
        }
        return Boolean.parseBoolean(text);
    }

    private ServedPort port(String pid, String key, int defaultPort, String what) throws ConfigGenException {
        Object value = value(pid, key);
        if (value == null || value.toString().isBlank()) {
            return new ServedPort(defaultPort, what, pid + " " + key + " (default)");
        }
        try {
            int port = Integer.parseInt(value.toString().trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("out of range 1..65535");
            }
            return new ServedPort(port, what, pid + " " + key);
        } catch (NumberFormatException e) {
            throw new ConfigGenException(
                    "invalid port in the live configuration [pid=" + pid + ", key=" + key + ", value=" + value + "]",
                    e);
        }
    }

    /** The configured value of {@code key} in {@code pid}, or null. */
    private Object value(String pid, String key) {
        return byPid.getOrDefault(pid, Map.of()).get(key);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
