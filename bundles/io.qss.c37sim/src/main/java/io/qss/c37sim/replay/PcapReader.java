// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import io.qss.c37sim.frame.FrameReader;
import io.qss.c37sim.frame.RawFrame;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the C37.118 frames of a classic libpcap capture (either byte order, microsecond or nanosecond stamps;
 * Ethernet with optional VLAN tags, Linux cooked or raw IP; IPv4 or IPv6; TCP and UDP). TCP payloads are put back
 * in sequence order per direction, so frames split across segments are found and retransmitted bytes are not read
 * twice; a gap in the sequence (a lost segment) resynchronises at the next frame. Command frames are kept: callers
 * choose what to serve.
 */
public final class PcapReader {
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_RAW = 101;
    private static final int LINK_LINUX_SLL = 113;
    private static final int LINK_IPV4 = 228;

    private record Flow(String key) {}

    private static final class TcpStream {
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        final FrameReader reader = new FrameReader();
        long nextSequence = -1;
    }

    private PcapReader() {}

    /** Every C37.118 frame of {@code file}, in capture order. */
    public static List<CapturedFrame> read(Path file) throws IOException {
        ByteBuffer data;
        try {
            data = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CaptureException("cannot read the capture [file=" + file + ", reason=" + e.getMessage() + "]", e);
        }
        try {
            return frames(file, data);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CaptureException("capture truncated [file=" + file + ", offset=" + data.position() + "]", e);
        }
    }

    private static List<CapturedFrame> frames(Path file, ByteBuffer data) throws CaptureException {
        if (data.remaining() < 24) {
            throw new CaptureException("not a pcap file: shorter than its header [file=" + file + "]");
        }
        int magic = data.order(ByteOrder.BIG_ENDIAN).getInt(0);
        boolean isNanos;
        switch (magic) {
            case 0xA1B2C3D4 -> isNanos = false;
            case 0xD4C3B2A1 -> {
                isNanos = false;
                data.order(ByteOrder.LITTLE_ENDIAN);
            }
            case 0xA1B23C4D -> isNanos = true;
            case 0x4D3CB2A1 -> {
                isNanos = true;
                data.order(ByteOrder.LITTLE_ENDIAN);
            }
            default ->
                throw new CaptureException("not a classic pcap file (pcapng is not read; save as pcap) [file=" + file
                        + ", magic=" + Integer.toHexString(magic) + "]");
        }
        int linkType = data.getInt(20) & 0xFFFF;
        if (linkType != LINK_ETHERNET && linkType != LINK_RAW && linkType != LINK_LINUX_SLL && linkType != LINK_IPV4) {
            throw new CaptureException("link type not read [file=" + file + ", linktype=" + linkType
                    + ", read=1 Ethernet, 101 raw IP, 113 Linux cooked, 228 IPv4]");
        }
        data.position(24);
        List<CapturedFrame> frames = new ArrayList<>();
        Map<Flow, TcpStream> streams = new HashMap<>();
        while (data.remaining() >= 16) {
            long seconds = data.getInt() & 0xFFFFFFFFL;
            long fraction = data.getInt() & 0xFFFFFFFFL;
            int captured = data.getInt();
            data.getInt();
            long micros = seconds * 1_000_000 + (isNanos ? fraction / 1000 : fraction);
            ByteBuffer packet = data.slice(data.position(), captured).order(ByteOrder.BIG_ENDIAN);
            data.position(data.position() + captured);
            packet(packet, linkType, micros, frames, streams);
        }
        return frames;
    }

    private static void packet(
            ByteBuffer p, int linkType, long micros, List<CapturedFrame> frames, Map<Flow, TcpStream> streams) {
        int etherType;
        switch (linkType) {
            case LINK_ETHERNET -> {
                p.position(12);
                etherType = p.getShort() & 0xFFFF;
                while (etherType == 0x8100 || etherType == 0x88A8) {
                    p.getShort();
                    etherType = p.getShort() & 0xFFFF;
                }
            }
            case LINK_LINUX_SLL -> {
                p.position(14);
                etherType = p.getShort() & 0xFFFF;
            }
            default -> etherType = (p.get(0) >> 4) == 6 ? 0x86DD : 0x0800;
        }
        ip(p.slice(), etherType, micros, frames, streams);
    }

    private static void ip(
            ByteBuffer p, int etherType, long micros, List<CapturedFrame> frames, Map<Flow, TcpStream> streams) {
        int protocol;
        int payloadStart;
        int payloadEnd;
        String addresses;
        if (etherType == 0x0800) {
            int headerLength = (p.get(0) & 0x0F) * 4;
            protocol = p.get(9) & 0xFF;
            payloadEnd = Math.min(p.limit(), p.getShort(2) & 0xFFFF);
            payloadStart = headerLength;
            addresses = address(p, 12, 4) + ">" + address(p, 16, 4);
        } else if (etherType == 0x86DD) {
            protocol = p.get(6) & 0xFF;
            payloadStart = 40;
            payloadEnd = Math.min(p.limit(), 40 + (p.getShort(4) & 0xFFFF));
            addresses = address(p, 8, 16) + ">" + address(p, 24, 16);
        } else {
            return;
        }
        ByteBuffer segment = p.slice(payloadStart, payloadEnd - payloadStart);
        if (protocol == 6) {
            tcp(segment, addresses, micros, frames, streams);
        } else if (protocol == 17) {
            udp(segment, micros, frames);
        }
    }

    private static void tcp(
            ByteBuffer s, String addresses, long micros, List<CapturedFrame> frames, Map<Flow, TcpStream> streams) {
        Flow flow = new Flow(addresses + ":" + (s.getShort(0) & 0xFFFF) + ">" + (s.getShort(2) & 0xFFFF));
        long sequence = s.getInt(4) & 0xFFFFFFFFL;
        int headerLength = ((s.get(12) >> 4) & 0x0F) * 4;
        boolean isSyn = (s.get(13) & 0x02) != 0;
        TcpStream stream = streams.computeIfAbsent(flow, f -> new TcpStream());
        if (isSyn) {
            stream.nextSequence = (sequence + 1) & 0xFFFFFFFFL;
            stream.buffer.clear();
            return;
        }
        ByteBuffer payload = s.slice(headerLength, s.limit() - headerLength);
        if (!payload.hasRemaining()) {
            return;
        }
        long start = sequence;
        if (stream.nextSequence >= 0) {
            long behind = (stream.nextSequence - sequence) & 0xFFFFFFFFL;
            if (behind != 0 && behind < 0x80000000L) {
                if (behind >= payload.remaining()) {
                    return; // a retransmission of bytes already read
                }
                payload.position((int) behind);
                start = stream.nextSequence;
            } else if (behind != 0) {
                stream.buffer.clear(); // bytes were lost: start again at the next frame
            }
        }
        stream.nextSequence = (start + payload.remaining()) & 0xFFFFFFFFL;
        if (payload.remaining() > stream.buffer.remaining()) {
            stream.buffer.clear();
        }
        stream.buffer.put(payload);
        stream.buffer.flip();
        for (RawFrame frame = stream.reader.next(stream.buffer);
                frame != null;
                frame = stream.reader.next(stream.buffer)) {
            frames.add(new CapturedFrame(frame, micros, false));
        }
        stream.buffer.compact();
    }

    private static void udp(ByteBuffer s, long micros, List<CapturedFrame> frames) {
        ByteBuffer payload = s.slice(8, Math.min(s.limit(), s.getShort(4) & 0xFFFF) - 8);
        FrameReader reader = new FrameReader();
        for (RawFrame frame = reader.next(payload); frame != null; frame = reader.next(payload)) {
            frames.add(new CapturedFrame(frame, micros, true));
        }
    }

    private static String address(ByteBuffer p, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : ".").append(p.get(offset + i) & 0xFF);
        }
        return text.toString();
    }
}
