// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceStatus;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.registry.Device;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceManagerTest {

    static final ManagerSettings SETTINGS = new ManagerSettings(2, 2, 50, 0, 1 << 20, 10_000, 100, 400, 2000);

    private final FakeCatalog catalog = new FakeCatalog();
    private final RecordingWriter writer = new RecordingWriter();
    private final ToyLineType type = new ToyLineType();
    private LineServer server;
    private DeviceManager manager;

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new LineServer();
        manager = new DeviceManager(catalog, writer, SETTINGS);
        manager.start();
        manager.addType(type);
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        server.close();
    }

    @Test
    void givenSavedDevice_whenDeviceSendsLines_thenPointsStoredUnderDeclaredStreamAndReceiving() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        await(() -> server.heard().contains("HELLO\n"), "the session's hello");

        server.writeSamples(0, 100);

        await(() -> writer.distinctPoints() == 100, "100 points");
        UUID stream = catalog.find("pmu1").orElseThrow().streamUuids().get("value");
        assertEquals(100, writer.points.get(stream).size());
        assertEquals(42.0, writer.points.get(stream).get(42L));
        LiveDeviceState state = state("pmu1");
        assertEquals(DeviceStatus.RECEIVING, state.status());
        assertEquals("last time 99", state.detail());
        assertEquals(100, state.validFrames());
        assertEquals(0, state.reconnects());
        assertNotNull(state.lastFrame());
    }

    @Test
    void givenConnectedDevice_whenItDropsTheConnection_thenReconnectsAndGoesOn() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 10);
        await(() -> writer.distinctPoints() == 10, "10 points");

        server.dropConnection();
        server.awaitConnection();
        await(() -> server.heard().split("HELLO", -1).length == 3, "a second hello");
        server.writeSamples(10, 20);

        await(() -> writer.distinctPoints() == 20, "20 points");
        assertEquals(1, state("pmu1").reconnects());
        assertEquals(20, writer.inserted.get());
        assertEquals(1, type.opened.get(), "one session kept over the reconnect");
        assertEquals(0, type.closed.get());
    }

    @Test
    void givenDeviceUnreachable_thenErrorWithReasonAndRetriesWithBackoff() throws Exception {
        int port = server.port();
        server.close();
        catalog.save(tcpDevice("pmu1", port));

        await(() -> manager.state("pmu1").map(s -> s.reconnects() >= 3).orElse(false), "three failed attempts");
        LiveDeviceState state = state("pmu1");
        assertEquals(DeviceStatus.ERROR, state.status());
        assertTrue(state.detail().startsWith("connect failed [address=127.0.0.1:" + port + ", cause="), state.detail());
        assertTrue(state.detail().contains("; retrying in "), state.detail());
    }

    @Test
    void givenTypeRemoved_whenBytesArrive_thenPausedBufferedAndNewSessionGetsEveryPointOnce() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 1000);
        await(() -> writer.distinctPoints() == 1000, "1000 points");

        manager.removeType(type);
        assertEquals(1, type.closed.get());
        server.writeSamples(1000, 3000);
        server.write("3000,");
        long expectedBytes = bytesOfSamples(1000, 3000) + "3000,".length();
        await(() -> state("pmu1").detail().contains(expectedBytes + " bytes buffered"), "bytes buffered while paused");
        LiveDeviceState paused = state("pmu1");
        assertEquals(DeviceStatus.PAUSED, paused.status());
        assertEquals(
                "device type toyline not installed; connection kept, " + expectedBytes + " bytes buffered",
                paused.detail());
        Thread.sleep(200);
        assertEquals(1000, writer.distinctPoints(), "nothing decoded while no session");

        ToyLineType updated = new ToyLineType();
        manager.addType(updated);
        server.write("0\n");
        server.writeSamples(3001, 4000);

        await(() -> writer.distinctPoints() == 4000, "4000 points");
        ConcurrentSkipListMap<Long, Double> series =
                writer.points.values().iterator().next();
        assertEquals(4000, series.size());
        assertEquals(0L, series.firstKey());
        assertEquals(3999L, series.lastKey());
        series.forEach((t, v) -> assertEquals(t % 1000, v.longValue(), "value at " + t));
        assertEquals(4000, writer.inserted.get(), "every point inserted exactly once");
        assertEquals(1, updated.opened.get());
        assertEquals(List.of(""), type.statesFound, "no state before the first session");
        assertEquals(List.of("1"), updated.statesFound, "the new session finds the state the old one kept");
        assertEquals("2", new String(catalog.loadState("pmu1"), StandardCharsets.US_ASCII));
        assertEquals(0, state("pmu1").reconnects(), "the connection stayed open across the swap");
        assertEquals(4000, state("pmu1").validFrames());
    }

    @Test
    void givenTypeAwayLong_whenMoreArrivesThanTheBuffer_thenOldestDroppedCountedAndNewestDecoded() throws Exception {
        manager.close();
        manager = new DeviceManager(catalog, writer, new ManagerSettings(2, 2, 50, 0, 65_536, 10_000, 100, 400, 2000));
        manager.start();
        manager.addType(type);
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        await(() -> state("pmu1").status() == DeviceStatus.CONNECTED, "connected");
        manager.removeType(type);

        server.writeSamples(0, 20_000);
        long written = bytesOfSamples(0, 20_000);
        await(() -> state("pmu1").detail().contains("bytes dropped (buffer full)"), "bytes dropped");
        Thread.sleep(300);
        manager.addType(new ToyLineType());

        await(
                () -> writer.points.values().stream().anyMatch(series -> series.containsKey(19_999L)),
                "the newest line stored");
        long kept = writer.distinctPoints();
        assertTrue(kept < 20_000 && kept > 4000, "the newest lines decoded, the oldest dropped [kept=" + kept + "]");
        // the oldest kept chunk starts inside a line, which this toy protocol (no checksum) reads as one odd sample
        ConcurrentSkipListMap<Long, Double> series =
                writer.points.values().iterator().next();
        assertEquals(kept - 1, series.tailMap(20_000 - (kept - 1)).size(), "the newest lines, contiguous");
        assertTrue(state("pmu1").detail().startsWith("last time"), state("pmu1").detail());
        assertTrue(written > 65_536);
    }

    @Test
    void givenSecondServiceOfTheType_whenItGoes_thenTheFirstTakesOverWithoutPause() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 10);
        await(() -> writer.distinctPoints() == 10, "10 points");
        ToyLineType second = new ToyLineType();

        manager.addType(second);
        await(() -> second.opened.get() == 1 && type.closed.get() == 1, "the second type's session");
        manager.removeType(second);

        await(() -> type.opened.get() == 2 && second.closed.get() == 1, "the first type's session again");
        server.writeSamples(10, 20);
        await(() -> writer.distinctPoints() == 20, "20 points");
        assertEquals(DeviceStatus.RECEIVING, state("pmu1").status());
        assertEquals(0, state("pmu1").reconnects());
    }

    @Test
    void givenUdpDevice_whenDatagramsArrive_thenPointsStoredAndAnswersGoToTheSender() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        catalog.save(FakeCatalog.device(
                ToyLineType.TYPE,
                "udp1",
                Map.of("host", "127.0.0.1", "port", String.valueOf(port), "transport", "udp")));
        await(
                () -> manager.state("udp1")
                        .map(s -> s.status() == DeviceStatus.CONNECTED)
                        .orElse(false),
                "bound");

        try (DatagramSocket device = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            device.setSoTimeout(10_000);
            send(device, port, "1,1\n2,2\n");
            send(device, port, "3,3\n");
            send(device, port, "PING\n");
            DatagramPacket answer = new DatagramPacket(new byte[100], 100);
            device.receive(answer);
            assertEquals("PONG\n", new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII));
        }
        await(() -> writer.distinctPoints() == 3, "3 points");
        assertEquals(3, state("udp1").validFrames());
    }

    @Test
    void givenDevicesOfAbsentTypeAndUpmu_thenAbsentPausedAndUpmuLeftToSync() throws Exception {
        catalog.save(FakeCatalog.device("absent", "x", Map.of()));
        catalog.save(new Device("upmu", "P3001", "u1", Map.of("ip", "10.0.0.1"), Map.of()));

        await(() -> manager.state("x").isPresent(), "device x");
        assertEquals(
                new LiveDeviceState(
                        "absent", "x", DeviceStatus.PAUSED, "device type absent not installed", 0, 0, 0, 0, null),
                state("x"));
        assertTrue(manager.state("u1").isEmpty());
        assertEquals(1, manager.states().size());
    }

    @Test
    void givenStoreFailing_whenDataArrives_thenErrorAndEveryPointOnceItRecovers() throws Exception {
        writer.isFailing = true;
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 100);
        await(() -> state("pmu1").status() == DeviceStatus.ERROR, "error while the store fails");
        assertTrue(
                state("pmu1").detail().startsWith("store insert failed [stream="),
                state("pmu1").detail());

        writer.isFailing = false;

        await(() -> writer.distinctPoints() == 100, "100 points");
        await(() -> state("pmu1").status() == DeviceStatus.RECEIVING, "receiving again");
    }

    @Test
    void givenStoreFailingLong_whenMoreArrivesThanTheSinkHolds_thenInputHeldBackAndEveryPointOnceItRecovers()
            throws Exception {
        writer.isFailing = true;
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 30_000);
        await(() -> state("pmu1").validFrames() >= SETTINGS.maxPendingPoints(), "the sink full");
        Thread.sleep(300);
        assertTrue(state("pmu1").validFrames() < 30_000, "input held back while the sink is full");

        writer.isFailing = false;

        await(() -> writer.distinctPoints() == 30_000, "30000 points");
        assertEquals(30_000, writer.inserted.get(), "no point decoded twice");
        await(() -> state("pmu1").status() == DeviceStatus.RECEIVING, "receiving again");
    }

    @Test
    void givenCatalogUnreachableAtStart_thenNotLoadedUntilItAnswersThenDevicesRun() throws Exception {
        manager.close();
        catalog.save(tcpDevice("pmu1"));
        catalog.isFailing = true;
        manager = new DeviceManager(catalog, writer, SETTINGS);
        manager.start();
        manager.addType(type);
        Thread.sleep(300);
        assertFalse(manager.isLoaded());
        assertTrue(manager.states().isEmpty());

        catalog.isFailing = false;

        server.awaitConnection();
        assertTrue(manager.isLoaded());
        server.writeSamples(0, 3);
        await(() -> writer.distinctPoints() == 3, "3 points");
    }

    @Test
    void givenBadLines_thenCountedInvalidAndConnectionKept() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();

        server.write("BAD\n1,1\nBAD\n");

        await(() -> state("pmu1").invalidFrames() == 2, "2 invalid frames");
        assertEquals(1, state("pmu1").validFrames());
        assertEquals(0, state("pmu1").reconnects());
    }

    @Test
    void givenDeviceRemovedFromCatalog_thenSessionClosedAndDeviceGone() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 5);
        await(() -> writer.distinctPoints() == 5, "5 points");

        catalog.delete("pmu1");

        await(() -> manager.states().isEmpty(), "no device");
        await(() -> type.closed.get() == 1, "session closed");
    }

    @Test
    void givenRunningDevices_whenClosed_thenNoThreadLeft() throws Exception {
        catalog.save(tcpDevice("pmu1"));
        server.awaitConnection();
        server.writeSamples(0, 5);
        await(() -> writer.distinctPoints() == 5, "5 points");

        manager.close();

        await(
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("qss-devices")),
                "every qss-devices thread ended");
    }

    private LiveDeviceState state(String alias) {
        return manager.state(alias).orElseThrow(() -> new AssertionError("no state [alias=" + alias + "]"));
    }

    private Device tcpDevice(String alias) {
        return tcpDevice(alias, server.port());
    }

    private static Device tcpDevice(String alias, int port) {
        return FakeCatalog.device(ToyLineType.TYPE, alias, Map.of("host", "127.0.0.1", "port", String.valueOf(port)));
    }

    private static long bytesOfSamples(long from, long to) {
        long bytes = 0;
        for (long t = from; t < to; t++) {
            bytes += (t + "," + t % 1000 + "\n").length();
        }
        return bytes;
    }

    private static void send(DatagramSocket socket, int port, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
