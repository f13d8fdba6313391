// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.ServedPort;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class ConfigAdminReaderTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void givenAReceiverConfiguration_whenReading_thenItsPortIsServedAndTheOthersDefault() throws Exception {
        ConfigurationAdmin admin =
                admin(Map.of("io.qss.receiver", Map.of("port", 2883, "service.pid", "io.qss.receiver")));

        List<Integer> ports = ConfigAdminReader.read(admin, Fixtures.METATYPE_PORTS).servedPorts().stream()
                .map(ServedPort::port)
                .toList();

        assertEquals(List.of(8080, 2883, 4410, 9000), ports);
    }

    @Test
    void givenPaxWebConfiguration_whenReading_thenThePlotterPortsComeFromIt() throws Exception {
        ConfigurationAdmin admin = admin(Map.of(
                "org.ops4j.pax.web",
                Map.of(
                        "org.osgi.service.http.port",
                        "8181",
                        "org.osgi.service.http.secure.enabled",
                        "true",
                        "org.osgi.service.http.port.secure",
                        "8543")));

        List<ServedPort> ports =
                ConfigAdminReader.read(admin, Fixtures.METATYPE_PORTS).servedPorts();

        assertEquals(
                new ServedPort(8181, "plotter (HTTP)", "org.ops4j.pax.web org.osgi.service.http.port"), ports.get(0));
        assertEquals(
                new ServedPort(8543, "plotter (HTTPS)", "org.ops4j.pax.web org.osgi.service.http.port.secure"),
                ports.get(1));
    }

    @Test
    void givenConfigurationAdmin_whenReading_thenConfigurationsAreListedNeverCreated() throws Exception {
        ConfigAdminReader.read(admin(Map.of()), Fixtures.METATYPE_PORTS);

        assertEquals(
                List.of(
                        "listConfigurations (service.pid=io.qss.plotter)",
                        "listConfigurations (service.pid=org.ops4j.pax.web)",
                        "listConfigurations (service.pid=io.qss.receiver)",
                        "listConfigurations (service.pid=io.qss.api.grpc)",
                        "listConfigurations (service.pid=io.qss.api.rest)"),
                calls);
    }

    @Test
    void givenNoConfigurationAdmin_whenReading_thenEveryDefaultApplies() throws Exception {
        assertEquals(
                Fixtures.defaults().servedPorts(),
                ConfigAdminReader.read(null, Fixtures.METATYPE_PORTS).servedPorts());
    }

    @Test
    void givenConfigurationAdminFailing_whenReading_thenTheErrorNamesThePidAndChainsTheCause() {
        ConfigurationAdmin failing = (ConfigurationAdmin) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    throw new IOException("store unreadable");
                });

        ConfigGenException e =
                assertThrows(ConfigGenException.class, () -> ConfigAdminReader.read(failing, Fixtures.METATYPE_PORTS));

        assertEquals("reading the live configuration failed [pid=io.qss.plotter]", e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }

    private ConfigurationAdmin admin(Map<String, Map<String, Object>> byPid) {
        return (ConfigurationAdmin) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + args[0]);
                    if (!method.getName().equals("listConfigurations")) {
                        throw new AssertionError("unexpected call [method=" + method.getName() + "]");
                    }
                    String pid = ((String) args[0]).replace("(service.pid=", "").replace(")", "");
                    Map<String, Object> properties = byPid.get(pid);
                    return properties == null ? null : new Configuration[] {configuration(properties)};
                });
    }

    private Configuration configuration(Map<String, Object> properties) {
        return (Configuration) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getProperties")) {
                        throw new AssertionError("unexpected call [method=" + method.getName() + "]");
                    }
                    return new Hashtable<>(properties);
                });
    }
}
