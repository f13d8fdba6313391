// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.ServedPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the qss listener PIDs' configuration (as ConfigurationAdmin holds it) and the ports they serve.
 * A PID without configuration uses the documented defaults. Immutable.
 */
public final class LiveConfiguration {

    static final String REST = "io.qss.api.rest";
    static final String RECEIVER = "io.qss.receiver";
    static final String GRPC = "io.qss.api.grpc";
    static final String PLOTTER = "io.qss.plotter";

    /** The listener PIDs, in the order their ports are listed. */
    public static final List<String> PIDS = List.of(PLOTTER, RECEIVER, GRPC, REST);

    /** The documented default of each listener's {@code port}, used when its PID has none. */
    static final Map<String, Integer> DEFAULT_PORTS = Map.of(PLOTTER, 8080, RECEIVER, 1883, GRPC, 4410, REST, 9000);

    private final Map<String, Map<String, Object>> byPid;

    /** @param byPid properties per PID; a PID that is absent (or mapped to an empty map) has no configuration */
    public LiveConfiguration(Map<String, Map<String, Object>> byPid) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        byPid.forEach((pid, properties) -> copy.put(pid, Map.copyOf(properties)));
        this.byPid = Map.copyOf(copy);
    }

    /** No configuration at all: every default. */
    public static LiveConfiguration defaults() {
        return new LiveConfiguration(Map.of());
    }

    /** The configured properties of {@code pid}, sorted by key; empty when it has none. */
    public Map<String, Object> properties(String pid) {
        return new TreeMap<>(byPid.getOrDefault(pid, Map.of()));
    }

    /** The ports served to the network: plotter (HTTP, HTTPS if enabled), receiver, gRPC/capnp, REST. */
    public List<ServedPort> servedPorts() throws ConfigGenException {
        List<ServedPort> ports = new ArrayList<>();
        addIfPublic(ports, PLOTTER, port(PLOTTER, "port", DEFAULT_PORTS.get(PLOTTER), "plotter (HTTP)"));
        if (isTrue(PLOTTER, "isHttpsEnabled") || isTrue(PLOTTER, "httpsEnabled")) {
            addIfPublic(ports, PLOTTER, port(PLOTTER, "httpsPort", 443, "plotter (HTTPS)"));
        }
        addIfPublic(ports, RECEIVER,
                port(RECEIVER, "port", DEFAULT_PORTS.get(RECEIVER), "receiver (uPMU transfer protocol)"));
        addIfPublic(ports, GRPC, port(GRPC, "port", DEFAULT_PORTS.get(GRPC), "binary API (gRPC v5, capnp 3.x)"));
        addIfPublic(ports, REST,
                port(REST, "port", DEFAULT_PORTS.get(REST), "REST API (BTrDB 3.x, /status, /health)"));
        return List.copyOf(ports);
    }

    private void addIfPublic(List<ServedPort> ports, String pid, ServedPort candidate) {
        boolean isKnown = ports.stream().anyMatch(p -> p.port() == candidate.port());
        if (!isKnown && !isLoopbackOnly(pid)) {
            ports.add(candidate);
        }
    }

    /** A listener bound to loopback serves nobody on the network, so the firewall need not open it. */
    private boolean isLoopbackOnly(String pid) {
        Object host = byPid.getOrDefault(pid, Map.of()).get("host");
        String value = host == null ? "" : host.toString().trim();
        return value.equals("localhost") || value.equals("::1") || value.startsWith("127.");
    }

    private ServedPort port(String pid, String key, int defaultPort, String what) throws ConfigGenException {
        Object value = byPid.getOrDefault(pid, Map.of()).get(key);
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
            throw new ConfigGenException("invalid port in the live configuration [pid=" + pid + ", key=" + key
                    + ", value=" + value + "]", e);
        }
    }

    private boolean isTrue(String pid, String key) {
        Object value = byPid.getOrDefault(pid, Map.of()).get(key);
        return value != null && Boolean.parseBoolean(value.toString().trim());
    }
}
