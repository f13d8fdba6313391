// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a classic libpcap capture of Ethernet/IPv4 and gives the TCP payload of each direction of each connection,
 * reassembled in sequence order (retransmitted bytes once), and each UDP datagram, per flow in capture order.
 */
public final class PcapReader {

    private static final int ETHERNET = 1;
    private static final int IPV4 = 0x0800;
    private static final int VLAN = 0x8100;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final Map<String, List<Segment>> tcp = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> udp = new LinkedHashMap<>();

    private PcapReader() {}

    /** A flow: {@code src:port>dst:port}, with its byte chunks (one for a TCP direction, one per UDP datagram). */
    public record Flow(String name, boolean isTcp, List<byte[]> chunks) {}

    public static List<Flow> read(Path capture) throws IOException {
        PcapReader reader = new PcapReader();
        reader.parse(ByteBuffer.wrap(Files.readAllBytes(capture)), capture);
        List<Flow> flows = new ArrayList<>();
        reader.tcp.forEach((name, segments) -> flows.add(new Flow(name, true, List.of(reassemble(segments)))));
        reader.udp.forEach((name, datagrams) -> flows.add(new Flow(name, false, datagrams)));
        return flows;
    }

    private void parse(ByteBuffer file, Path capture) throws IOException {
        int magic = file.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            file.order(ByteOrder.BIG_ENDIAN);
            magic = file.getInt(0);
        }
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D || file.getInt(20) != ETHERNET) {
            throw new IOException("not a libpcap Ethernet capture [file=" + capture + "]");
        }
        int p = 24;
        while (p + 16 <= file.limit()) {
            int captured = file.getInt(p + 8);
            packet(file.slice(p + 16, captured).order(ByteOrder.BIG_ENDIAN));
            p += 16 + captured;
        }
    }

    private void packet(ByteBuffer frame) {
        int ip = 14;
        int etherType = frame.getShort(12) & 0xFFFF;
        if (etherType == VLAN) {
            etherType = frame.getShort(16) & 0xFFFF;
            ip += 4;
        }
        if (etherType != IPV4) {
            return;
        }
        int headerLength = (frame.get(ip) & 0x0F) * 4;
        int totalLength = frame.getShort(ip + 2) & 0xFFFF;
        int protocol = frame.get(ip + 9) & 0xFF;
        String source = address(frame, ip + 12);
        String destination = address(frame, ip + 16);
        int l4 = ip + headerLength;
        int end = Math.min(ip + totalLength, frame.limit());
        String flow = source + ":" + (frame.getShort(l4) & 0xFFFF) + ">" + destination + ":"
                + (frame.getShort(l4 + 2) & 0xFFFF);
        if (protocol == TCP) {
            int dataStart = l4 + ((frame.get(l4 + 12) & 0xF0) >> 4) * 4;
            long sequence = frame.getInt(l4 + 4) & 0xFFFF_FFFFL;
            boolean isSyn = (frame.get(l4 + 13) & 0x02) != 0;
            byte[] payload = bytes(frame, dataStart, end);
            tcp.computeIfAbsent(flow, f -> new ArrayList<>())
                    .add(new Segment(isSyn ? sequence + 1 : sequence, payload));
        } else if (protocol == UDP) {
            udp.computeIfAbsent(flow, f -> new ArrayList<>()).add(bytes(frame, l4 + 8, end));
        }
    }

    private static byte[] reassemble(List<Segment> segments) {
        long first = segments.get(0).sequence();
        List<Segment> ordered = new ArrayList<>(segments.stream()
                .map(s -> new Segment((s.sequence() - first) & 0xFFFF_FFFFL, s.payload()))
                .toList());
        ordered.sort(Comparator.comparingLong(Segment::sequence));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        long next = ordered.get(0).sequence();
        for (Segment segment : ordered) {
            long end = segment.sequence() + segment.payload().length;
            if (end <= next) {
                continue;
            }
            int skip = (int) Math.max(0, next - segment.sequence());
            stream.write(segment.payload(), skip, segment.payload().length - skip);
            next = end;
        }
        return stream.toByteArray();
    }

    private static byte[] bytes(ByteBuffer frame, int from, int to) {
        byte[] bytes = new byte[Math.max(0, to - from)];
        frame.get(from, bytes);
        return bytes;
    }

    private static String address(ByteBuffer frame, int at) {
        return (frame.get(at) & 0xFF) + "." + (frame.get(at + 1) & 0xFF) + "." + (frame.get(at + 2) & 0xFF) + "."
                + (frame.get(at + 3) & 0xFF);
    }

    private record Segment(long sequence, byte[] payload) {}
}
