// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.ServedPort;
import io.qss.configgen.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveConfigurationTest {

    @Test
    void givenNoConfiguration_whenListingPorts_thenTheDocumentedDefaultsAreServed() throws Exception {
        List<Integer> ports =
                Fixtures.defaults().servedPorts().stream().map(ServedPort::port).toList();

        assertEquals(List.of(8080, 1883, 4410, 9000), ports);
    }

    @Test
    void givenAListenerWithoutDefault_whenListingPorts_thenItIsServedOnlyWhenItsPortIsConfigured() throws Exception {
        Map<String, Integer> withoutReceiver = Map.of(LiveConfiguration.GRPC, 4410, LiveConfiguration.REST, 9000);
        LiveConfiguration unconfigured = new LiveConfiguration(Map.of(), withoutReceiver);
        LiveConfiguration configured =
                new LiveConfiguration(Map.of(LiveConfiguration.RECEIVER, Map.of("port", 2883)), withoutReceiver);

        assertEquals(
                List.of(8080, 4410, 9000),
                unconfigured.servedPorts().stream().map(ServedPort::port).toList());
        assertEquals(
                List.of(8080, 2883, 4410, 9000),
                configured.servedPorts().stream().map(ServedPort::port).toList());
    }

    @Test
    void givenAChangedReceiverPort_whenGeneratingShorewall_thenTheRuleOpensTheNewPortOnly() throws Exception {
        LiveConfiguration live = Fixtures.live(Map.of(LiveConfiguration.RECEIVER, Map.of("port", "2883")));

        String rules = rules(live);

        assertTrue(rules.contains("ACCEPT\tnet\t$FW\ttcp\t2883\n"), rules);
        assertFalse(rules.contains("1883"), rules);
        assertTrue(rules.contains("[io.qss.receiver port]"), rules);
    }

    @Test
    void givenNoConfiguration_whenListingPorts_thenThePlotterPortNamesPaxWebAsItsSource() throws Exception {
        ServedPort plotter = Fixtures.defaults().servedPorts().get(0);

        assertEquals(
                new ServedPort(8080, "plotter (HTTP)", "org.ops4j.pax.web org.osgi.service.http.port (default)"),
                plotter);
    }

    @Test
    void givenHttpsEnabledInPaxWeb_whenListingPorts_thenBothPlotterPortsAreServed() throws Exception {
        LiveConfiguration live = paxWeb(Map.of(
                "org.osgi.service.http.port",
                80L,
                "org.osgi.service.http.secure.enabled",
                "true",
                "org.osgi.service.http.port.secure",
                443));

        List<Integer> ports = live.servedPorts().stream().map(ServedPort::port).toList();

        assertEquals(List.of(80, 443, 1883, 4410, 9000), ports);
    }

    @Test
    void givenHttpsEnabledWithoutAPort_whenListingPorts_thenPaxWebsDefault8443IsServed() throws Exception {
        LiveConfiguration live = paxWeb(Map.of("org.osgi.service.http.secure.enabled", true));

        String rules = rules(live);

        assertTrue(
                rules.contains("# plotter (HTTPS) [org.ops4j.pax.web org.osgi.service.http.port.secure (default)]"
                        + "\nACCEPT\tnet\t$FW\ttcp\t8443\n"),
                rules);
    }

    @Test
    void givenHttpsPortButHttpsDisabled_whenListingPorts_thenTheHttpsPortStaysClosed() throws Exception {
        LiveConfiguration live = paxWeb(Map.of("org.osgi.service.http.port.secure", 443));

        assertFalse(live.servedPorts().stream().anyMatch(p -> p.port() == 443));
    }

    @Test
    void givenHttpDisabledAndHttpsEnabled_whenListingPorts_thenOnlyTheHttpsPortIsServed() throws Exception {
        LiveConfiguration live = paxWeb(Map.of(
                "org.osgi.service.http.enabled",
                "false",
                "org.osgi.service.http.secure.enabled",
                "true",
                "org.osgi.service.http.port.secure",
                "443"));

        List<Integer> ports = live.servedPorts().stream().map(ServedPort::port).toList();

        assertEquals(List.of(443, 1883, 4410, 9000), ports);
    }

    @Test
    void givenAPortInThePlottersOwnPid_whenListingPorts_thenItIsIgnored() throws Exception {
        LiveConfiguration live = Fixtures.live(Map.of(LiveConfiguration.PLOTTER, Map.of("port", 81)));

        List<Integer> ports = live.servedPorts().stream().map(ServedPort::port).toList();

        assertEquals(List.of(8080, 1883, 4410, 9000), ports);
    }

    @Test
    void givenPaxWebListeningOnLoopbackOnly_whenListingPorts_thenNoPlotterPortIsOpened() throws Exception {
        LiveConfiguration live = paxWeb(Map.of(
                "org.ops4j.pax.web.listening.addresses",
                "127.0.0.1, ::1",
                "org.osgi.service.http.secure.enabled",
                "true"));

        List<Integer> ports = live.servedPorts().stream().map(ServedPort::port).toList();

        assertEquals(List.of(1883, 4410, 9000), ports);
    }

    @Test
    void givenPaxWebListeningOnLoopbackAndAPublicAddress_whenListingPorts_thenThePlotterIsOpened() throws Exception {
        LiveConfiguration live =
                paxWeb(Map.of("org.ops4j.pax.web.listening.addresses", new String[] {"127.0.0.1", "172.16.1.100"}));

        assertEquals(8080, live.servedPorts().get(0).port());
    }

    @Test
    void givenAPaxWebSwitchThatIsNotABoolean_whenListingPorts_thenTheErrorNamesPidKeyAndValue() {
        LiveConfiguration live = paxWeb(Map.of("org.osgi.service.http.secure.enabled", "yes"));

        ConfigGenException e = assertThrows(ConfigGenException.class, live::servedPorts);

        assertEquals(
                "invalid switch in the live configuration [pid=org.ops4j.pax.web,"
                        + " key=org.osgi.service.http.secure.enabled, value=yes, expected=true|false]",
                e.getMessage());
    }

    @Test
    void givenAKeystorePasswordInPaxWeb_whenGeneratingQss_thenNoFileHoldsItAndPaxWebIsNotWritten() throws Exception {
        List<GeneratedFile> files = Fixtures.generator(Fixtures.PRODUCTION).generate(Target.QSS, Fixtures.OPTIONS);

        assertEquals(
                List.of(
                        "etc/io.qss.plotter.cfg",
                        "etc/io.qss.receiver.cfg",
                        "etc/io.qss.api.grpc.cfg",
                        "etc/io.qss.api.rest.cfg"),
                files.stream().map(GeneratedFile::path).toList());
        assertTrue(files.stream().noneMatch(f -> f.content().contains(Fixtures.KEYSTORE_PASSWORD)));
        String plotter = content(files, "etc/io.qss.plotter.cfg");
        assertTrue(plotter.contains("#   org.osgi.service.http.port.secure = 443\n"), plotter);
        assertTrue(plotter.contains("\nsessionExpirySeconds = 86400\n"), plotter);
        assertFalse(plotter.contains("\nport ="), plotter);
    }

    @Test
    void givenAListenerBoundToLoopback_whenListingPorts_thenItIsNotOpened() throws Exception {
        LiveConfiguration live =
                Fixtures.live(Map.of(LiveConfiguration.REST, Map.of("host", "127.0.0.1", "port", 9000)));

        assertFalse(live.servedPorts().stream().anyMatch(p -> p.port() == 9000));
    }

    @Test
    void givenTheGrpcTlsPortSet_whenListingPorts_thenItIsServedAfterThePlaintextPort() throws Exception {
        LiveConfiguration off = Fixtures.live(Map.of(LiveConfiguration.GRPC, Map.of("tlsPort", 0)));
        LiveConfiguration on = Fixtures.live(Map.of(LiveConfiguration.GRPC, Map.of("tlsPort", "4411")));
        LiveConfiguration loopback =
                Fixtures.live(Map.of(LiveConfiguration.GRPC, Map.of("host", "127.0.0.1", "tlsPort", 4411)));

        assertEquals(
                List.of(8080, 1883, 4410, 9000),
                off.servedPorts().stream().map(ServedPort::port).toList());
        assertEquals(
                List.of(8080, 1883, 4410, 4411, 9000),
                on.servedPorts().stream().map(ServedPort::port).toList());
        assertEquals(
                new ServedPort(4411, "binary API over TLS (gRPC v5)", "io.qss.api.grpc tlsPort"),
                on.servedPorts().get(3));
        assertTrue(rules(on).contains("ACCEPT\tnet\t$FW\ttcp\t4411\n"), rules(on));
        assertFalse(loopback.servedPorts().stream().anyMatch(p -> p.port() == 4411));
        assertThrows(
                ConfigGenException.class,
                () -> Fixtures.live(Map.of(LiveConfiguration.GRPC, Map.of("tlsPort", "44x1")))
                        .servedPorts());
    }

    @Test
    void givenAPortThatIsNotANumber_whenListingPorts_thenTheErrorNamesPidKeyAndValue() {
        LiveConfiguration live = Fixtures.live(Map.of(LiveConfiguration.GRPC, Map.of("port", "44x0")));

        ConfigGenException e = assertThrows(ConfigGenException.class, live::servedPorts);

        assertEquals(
                "invalid port in the live configuration [pid=io.qss.api.grpc, key=port, value=44x0]", e.getMessage());
    }

    @Test
    void givenAPortOutOfRange_whenListingPorts_thenItIsRejected() {
        LiveConfiguration live = Fixtures.live(Map.of(LiveConfiguration.REST, Map.of("port", 70000)));

        assertThrows(ConfigGenException.class, live::servedPorts);
    }

    @Test
    void givenSshSwitchedOff_whenGeneratingShorewall_thenPort22IsNotOpened() throws Exception {
        List<GeneratedFile> files = Fixtures.generator(Fixtures.defaults())
                .generate(Target.SHOREWALL, new io.qss.configgen.GenerationOptions("eth0", false, true, null));

        String rules = content(files, "etc/shorewall/rules");

        assertFalse(rules.contains("\t22\n"), rules);
        assertTrue(rules.contains("Ping(ACCEPT)\tnet\t$FW"), rules);
    }

    private static LiveConfiguration paxWeb(Map<String, Object> properties) {
        return Fixtures.live(Map.of(LiveConfiguration.PAX_WEB, properties));
    }

    private static String rules(LiveConfiguration live) throws ConfigGenException {
        return content(Fixtures.generator(live).generate(Target.SHOREWALL, Fixtures.OPTIONS), "etc/shorewall/rules");
    }

    private static String content(List<GeneratedFile> files, String path) {
        return files.stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow()
                .content();
    }
}
