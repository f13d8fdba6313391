// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37118;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceStatus;
import io.qss.device.ProtocolSession;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import io.qss.device.c37118.internal.C37118DeviceType;
import io.qss.device.c37118.internal.frame.Crc16;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Decode throughput of the C37.118 device type on one thread: {@code --pmus} sessions (default 1000), each fed its own
 * data frames one read at a time as TCP delivers them at 60 frames/s, through framing, CRC, decoding and one sink
 * append per stream (the sink copies the arrays, as the real one does). Each PMU sends 4 phasors, FREQ, DFREQ,
 * 2 analogs and 1 digital word. Prints {@code name=value} lines: frames/s per format and the share of one core that
 * 1,000 PMUs at 60 frames/s need.
 */
public final class C37118DecodeBenchMain {

    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 5_000_000_000L;
    private static final int FRAMES_PER_PMU = 60;
    private static final long SOC = 1_700_000_000L;

    private C37118DecodeBenchMain() {}

    public static void main(String[] args) throws Exception {
        int pmus = args.length == 2 && args[0].equals("--pmus") ? Integer.parseInt(args[1]) : 1000;
        System.out.println("c37118_pmus=" + pmus);
        for (int format : new int[] {0x1, 0xE}) {
            double framesPerSecond = run(pmus, format);
            String name = format == 0x1 ? "integer_polar" : "float_rectangular";
            System.out.printf("c37118_decode_%s_frames_per_s=%.0f%n", name, framesPerSecond);
            System.out.printf("c37118_decode_%s_core_share_1000x60=%.4f%n", name, 60_000 / framesPerSecond);
        }
    }

    private static double run(int pmus, int format) throws Exception {
        C37118DeviceType type = new C37118DeviceType();
        ProtocolSession[] sessions = new ProtocolSession[pmus];
        ByteBuffer[][] frames = new ByteBuffer[pmus][];
        for (int p = 0; p < pmus; p++) {
            BenchContext context = new BenchContext(p + 1);
            sessions[p] = type.openSession(context);
            sessions[p].connected();
            sessions[p].received(ByteBuffer.wrap(cfg2(p + 1, format)));
            frames[p] = new ByteBuffer[FRAMES_PER_PMU];
            for (int f = 0; f < FRAMES_PER_PMU; f++) {
                frames[p][f] = ByteBuffer.wrap(data(p + 1, format, f));
            }
        }
        feed(sessions, frames, WARMUP_NANOS);
        return feed(sessions, frames, MEASURE_NANOS);
    }

    private static double feed(ProtocolSession[] sessions, ByteBuffer[][] frames, long nanos) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < nanos) {
            for (int f = 0; f < FRAMES_PER_PMU; f++) {
                for (int p = 0; p < sessions.length; p++) {
                    ByteBuffer frame = frames[p][f];
                    frame.clear();
                    sessions[p].received(frame);
                }
            }
            count += (long) FRAMES_PER_PMU * sessions.length;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static byte[] cfg2(int idcode, int format) {
        ByteBuffer body = ByteBuffer.allocate(1024);
        body.putInt(1_000_000).putShort((short) 1).put(name("PMU" + idcode)).putShort((short) idcode);
        body.putShort((short) format).putShort((short) 4).putShort((short) 2).putShort((short) 1);
        for (String channel : new String[] {"VA", "VB", "VC", "IA", "P", "Q"}) {
            body.put(name(channel));
        }
        for (int bit = 0; bit < 16; bit++) {
            body.put(name("BIT" + bit));
        }
        body.putInt(915_527).putInt(915_527).putInt(915_527).putInt(0x0100_0000 | 4_578);
        body.putInt(1).putInt(1).putInt(0x0000_FFFF);
        body.putShort((short) 0).putShort((short) 1).putShort((short) FRAMES_PER_PMU);
        return frame(0x31, idcode, 0, body);
    }

    private static byte[] data(int idcode, int format, int index) {
        boolean isFloat = format != 0x1;
        ByteBuffer body = ByteBuffer.allocate(256).putShort((short) 0);
        for (int ph = 0; ph < 4; ph++) {
            if (isFloat) {
                body.putFloat(7200f + index).putFloat(-3600f + ph);
            } else {
                body.putShort((short) (14_000 + index)).putShort((short) (ph * 20_000 - 30_000));
            }
        }
        if (isFloat) {
            body.putFloat(60.001f).putFloat(0.01f).putFloat(12.5f).putFloat(-3.25f);
        } else {
            body.putShort((short) 1).putShort((short) -2).putShort((short) 1250).putShort((short) -325);
        }
        body.putShort((short) 0x0005);
        return frame(0x01, idcode, index * 16_667, body);
    }

    private static byte[] frame(int second, int idcode, int fraction, ByteBuffer body) {
        int size = 16 + body.position();
        ByteBuffer frame = ByteBuffer.allocate(size);
        frame.put((byte) 0xAA).put((byte) second).putShort((short) size).putShort((short) idcode);
        frame.putInt((int) SOC).putInt(fraction).put(body.array(), 0, body.position());
        frame.putShort((short) Crc16.compute(frame.array(), 0, size - 2));
        return frame.array();
    }

    private static byte[] name(String name) {
        byte[] bytes = "                ".getBytes(StandardCharsets.US_ASCII);
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }

    /** A context whose sink copies what it gets, as the real sink does, and keeps nothing. */
    private static final class BenchContext implements DeviceContext, SampleSink {
        private final DeviceDescriptor device;
        private long[] times = new long[64];
        private double[] values = new double[64];
        private long appended;

        BenchContext(int idcode) {
            device = new DeviceDescriptor(
                    "c37118",
                    "bench:" + idcode,
                    "pmu" + idcode,
                    Map.of("host", "bench", "idcode", String.valueOf(idcode)));
        }

        @Override
        public DeviceDescriptor device() {
            return device;
        }

        @Override
        public SampleSink sink() {
            return this;
        }

        @Override
        public void declareStreams(List<StreamSpec> streams) {}

        @Override
        public void send(ByteBuffer bytes) {}

        @Override
        public void saveState(byte[] state) {}

        @Override
        public byte[] loadState() {
            return new byte[0];
        }

        @Override
        public void countFrames(long valid, long invalid) {}

        @Override
        public void updateStatus(DeviceStatus status, String detail) {}

        @Override
        public void append(String stream, long[] t, double[] v, int offset, int length) {
            System.arraycopy(t, offset, times, 0, length);
            System.arraycopy(v, offset, values, 0, length);
            appended += length;
        }
    }
}
