// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.StreamSpec;
import io.qss.device.c37118.internal.frame.Commands;
import io.qss.device.c37118.internal.frame.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class C37118SessionTest {

    private static final Map<String, String> TCP = Map.of("host", "pmu.example", "idcode", "7");
    private static final long SOC = 1_700_000_000L;
    private static final int POLAR_INT = 1;

    private final FakeDeviceContext context = new FakeDeviceContext(TCP);
    private final C37118Session session = new C37118Session(context, C37118Settings.of(TCP));

    @Test
    void givenNoKeptConfig_whenConnected_thenAsksForCfg2AndTurnsOnOnceItArrives() throws Exception {
        session.connected();
        assertEquals(List.of(Commands.SEND_CFG2), context.commands);

        feed(cfg("STN A", 2));

        assertEquals(List.of(Commands.SEND_CFG2, Commands.TURN_ON), context.commands);
        assertEquals(
                List.of(
                        new StreamSpec("STN A", "V1_MAG", "V"),
                        new StreamSpec("STN A", "V1_ANG", "deg"),
                        new StreamSpec("STN A", "V2_MAG", "V"),
                        new StreamSpec("STN A", "V2_ANG", "deg"),
                        new StreamSpec("STN A", "FREQ", "Hz"),
                        new StreamSpec("STN A", "DFREQ", "Hz/s"),
                        new StreamSpec("STN A", "STAT", ""),
                        new StreamSpec("STN A", "TIME_QUALITY", "")),
                context.declared.get(0));
        assertArrayEquals(cfg("STN A", 2), context.state);
    }

    @Test
    void givenSameConfigWithNewTimestamp_whenReceived_thenStreamsNotDeclaredAgain() throws Exception {
        session.connected();
        byte[] first = cfg("STN A", 1);
        byte[] later = first.clone();
        later[9] ^= 0x01; // SOC one second later or earlier
        FrameBuilder.withCrc(later);

        feed(first);
        feed(later);

        assertEquals(1, context.declared.size());
        assertEquals(2, context.valid);
    }

    @Test
    void givenFramesSplitAtRandom_whenReceived_thenEverySampleAppendedOnceInOrder() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            frames.add(data(1, i * 16_667, 0, (short) (1000 + i)));
        }

        feedInPieces(FrameBuilder.concat(frames.toArray(byte[][]::new)), new Random(42));

        double[] magnitudes = context.values("STN A/V1_MAG");
        assertEquals(60, magnitudes.length);
        for (int i = 0; i < 60; i++) {
            assertEquals((1000 + i) * 0.01, magnitudes[i], 1e-9);
        }
        assertEquals(
                SOC * 1_000_000_000L + 16_667_000L,
                context.samples.get("STN A/FREQ").get(1).time());
        assertEquals(61, context.valid);
        assertEquals(0, context.invalid);
        assertTrue(context.statuses.get(context.statuses.size() - 1).startsWith("RECEIVING"));
    }

    @Test
    void givenBadCrcAmongFrames_whenReceived_thenCountedInvalidAndOthersKept() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        byte[] bad = data(1, 1, 0, (short) 5);
        bad[bad.length - 1] ^= 0x55;

        feed(FrameBuilder.concat(data(1, 0, 0, (short) 4), bad, data(1, 2, 0, (short) 6)));

        assertArrayEquals(new double[] {0.04, 0.06}, context.values("STN A/V1_MAG"), 1e-12);
        assertEquals(1, context.invalid);
    }

    @Test
    void givenConfigChangeBit_whenReceived_thenNewCfg2RequestedAndNewLayoutDeclared() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        context.commands.clear();

        feed(data(1, 0, 0x0400, (short) 1));
        feed(data(1, 1, 0x0400, (short) 1));
        assertEquals(List.of(Commands.SEND_CFG2), context.commands);

        feed(cfg("STN A", 2));
        feed(data(2, 2, 0, (short) 3));
        assertEquals(2, context.declared.size());
        assertArrayEquals(new double[] {0.03}, context.values("STN A/V2_MAG"), 1e-12);
    }

    @Test
    void givenKeptConfig_whenNewSessionTakesOver_thenDecodesAtOnce() throws Exception {
        context.state = cfg("STN A", 1);
        session.connected();

        feed(data(1, 0, 0, (short) 9));

        assertArrayEquals(new double[] {0.09}, context.values("STN A/V1_MAG"), 1e-12);
        assertEquals(List.of(Commands.SEND_CFG2, Commands.TURN_ON), context.commands);
        assertTrue(context.declared.isEmpty());
    }

    @Test
    void givenSinkFailing_whenReceived_thenBytesLeftForRetryAndNothingCounted() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        context.isSinkFailing = true;
        ByteBuffer in = ByteBuffer.wrap(data(1, 0, 0, (short) 1));

        DeviceException e = assertThrows(DeviceException.class, () -> session.received(in));

        assertEquals(DeviceErrorCode.SINK_FAILED, e.code());
        assertEquals(0, in.position());
        context.isSinkFailing = false;
        session.received(in);
        assertArrayEquals(new double[] {0.01}, context.values("STN A/V1_MAG"), 1e-12);
    }

    @Test
    void givenCommandFailsMidRead_whenReceived_thenFramesDecodedBeforeAreAppended() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        context.isSendFailing = true;
        ByteBuffer in = ByteBuffer.wrap(FrameBuilder.concat(data(1, 0, 0, (short) 2), data(1, 1, 0x0400, (short) 3)));

        DeviceException e = assertThrows(DeviceException.class, () -> session.received(in));

        assertEquals(DeviceErrorCode.IO_ERROR, e.code());
        assertArrayEquals(new double[] {0.02, 0.03}, context.values("STN A/V1_MAG"), 1e-12);
    }

    @Test
    void givenCfg1WithNewCfgcnt_whenReceived_thenCfg2Requested() throws Exception {
        session.connected();
        feed(cfg("STN A", 1));
        context.commands.clear();
        FrameBuilder.Pmu changed = new FrameBuilder.Pmu(
                "STN A",
                7,
                POLAR_INT,
                new String[] {"V1"},
                new int[] {1000},
                new String[0],
                new int[0],
                new String[0],
                0,
                2);
        byte[] cfg2 = FrameBuilder.cfg2(7, 1_000_000, 60, changed);
        byte[] cfg1 = cfg2.clone();
        cfg1[1] = 0x21;
        FrameBuilder.withCrc(cfg1);

        feed(cfg1);

        assertEquals(List.of(Commands.SEND_CFG2), context.commands);
        assertEquals(1, context.declared.size());
    }

    @Test
    void givenUnansweredCfgRequest_whenTicked_thenRepeatedAfterRetryPeriod() throws Exception {
        long start = System.nanoTime();
        session.connected();
        session.tick(start + C37118Session.CONFIG_RETRY_NANOS / 2);
        assertEquals(1, context.commands.size());
        session.tick(start + C37118Session.CONFIG_RETRY_NANOS * 2);
        assertEquals(List.of(Commands.SEND_CFG2, Commands.SEND_CFG2), context.commands);
    }

    @Test
    void givenOtherIdcode_whenReceived_thenRefused() throws Exception {
        session.connected();
        feed(FrameBuilder.cfg2(8, 1_000_000, 60, FrameBuilder.Pmu.simple("X", 8, POLAR_INT, 1, 1000)));
        assertTrue(context.declared.isEmpty());
        assertEquals(1, context.invalid);
    }

    @Test
    void givenUdpDevice_whenDataBeforeConfig_thenAsksSenderForCfg2AndKeepsListening() throws Exception {
        Map<String, String> udp = Map.of("transport", "udp", "idcode", "7");
        FakeDeviceContext udpContext = new FakeDeviceContext(udp);
        C37118Session udpSession = new C37118Session(udpContext, C37118Settings.of(udp));
        udpSession.connected();
        assertTrue(udpContext.commands.isEmpty());

        ByteBuffer datagram = ByteBuffer.wrap(FrameBuilder.concat(data(1, 0, 0, (short) 1), new byte[] {1, 2}));
        udpSession.received(datagram);

        assertEquals(List.of(Commands.SEND_CFG2), udpContext.commands);
        assertEquals(0, datagram.remaining());
        assertEquals(1, udpContext.invalid);
    }

    private void feed(byte[] bytes) throws DeviceException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        session.received(in);
        assertEquals(0, in.remaining());
    }

    private void feedInPieces(byte[] bytes, Random random) throws DeviceException {
        ByteBuffer pending = ByteBuffer.allocate(bytes.length);
        int offset = 0;
        while (offset < bytes.length) {
            int piece = Math.min(bytes.length - offset, 1 + random.nextInt(40));
            pending.put(bytes, offset, piece).flip();
            offset += piece;
            session.received(pending);
            pending.compact();
        }
        assertEquals(0, pending.position());
    }

    private static byte[] cfg(String station, int phasors) {
        return FrameBuilder.cfg2(7, 1_000_000, 60, FrameBuilder.Pmu.simple(station, 7, POLAR_INT, phasors, 1000));
    }

    private static byte[] data(int phasors, int fracsec, int stat, short magnitude) {
        ByteBuffer body = ByteBuffer.allocate(64).putShort((short) stat);
        for (int i = 0; i < phasors; i++) {
            body.putShort(magnitude).putShort((short) 0);
        }
        body.putShort((short) 0).putShort((short) 0);
        return FrameBuilder.data(7, SOC, fracsec, body);
    }
}
