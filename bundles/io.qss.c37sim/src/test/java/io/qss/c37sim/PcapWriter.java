// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic libpcap file of Ethernet/IPv4/TCP packets from a PMU (port 4712) to a client, one frame per
 * packet with consecutive sequence numbers, so a dissector sees a well-formed TCP stream. Test code only.
 */
final class PcapWriter implements AutoCloseable {
    private static final int PMU_PORT = 4712;
    private static final int CLIENT_PORT = 50000;

    private final OutputStream out;
    private long sequence = 1000;
    private long micros;

    PcapWriter(Path file, long startMicros) throws IOException {
        out = Files.newOutputStream(file);
        micros = startMicros;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        out.write(header.array());
    }

    /** One TCP segment from the PMU carrying {@code payload}. */
    void fromPmu(byte[] payload) throws IOException {
        int ipLength = 20 + 20 + payload.length;
        ByteBuffer packet = ByteBuffer.allocate(14 + ipLength);
        packet.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipStart = packet.position();
        packet.put((byte) 0x45)
                .put((byte) 0)
                .putShort((short) ipLength)
                .putShort((short) 1)
                .putShort((short) 0x4000)
                .put((byte) 64)
                .put((byte) 6)
                .putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1})
                .put(new byte[] {10, 0, 0, 2});
        packet.putShort(ipStart + 10, (short) ipChecksum(packet.array(), ipStart));
        packet.putShort((short) PMU_PORT)
                .putShort((short) CLIENT_PORT)
                .putInt((int) sequence)
                .putInt(1)
                .put((byte) 0x50)
                .put((byte) 0x18)
                .putShort((short) 65535)
                .putShort((short) 0)
                .putShort((short) 0);
        packet.put(payload);
        sequence += payload.length;
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (micros / 1_000_000))
                .putInt((int) (micros % 1_000_000))
                .putInt(packet.capacity())
                .putInt(packet.capacity());
        out.write(record.array());
        out.write(packet.array());
        micros += 1000;
    }

    private static int ipChecksum(byte[] bytes, int start) {
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return ~sum & 0xFFFF;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
