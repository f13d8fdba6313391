// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Cuts the byte stream into Cap'n Proto messages (standard stream framing, unpacked): u32 LE segment count − 1, one
 * u32 LE size in words per segment, padding to 8 bytes, then the segments. Emits {@link CapnpMessage}s.
 */
final class CapnpFrameDecoder extends ByteToMessageDecoder {

    static final int MAX_SEGMENTS = 512;
    static final long MAX_MESSAGE_BYTES = 64L << 20;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int base = in.readerIndex();
        long segments = in.getUnsignedIntLE(base) + 1;
        if (segments > MAX_SEGMENTS) {
            throw new CorruptedFrameException("capnp frame has too many segments [segments=" + segments + "]");
        }
        int header = (int) ((4 + 4 * segments + 7) & ~7L);
        if (in.readableBytes() < header) {
            return;
        }
        long total = 0;
        for (int i = 0; i < segments; i++) {
            total += in.getUnsignedIntLE(base + 4 + 4 * i) * 8;
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw new CorruptedFrameException("capnp frame too large [bytes=" + total + "]");
        }
        if (in.readableBytes() < header + total) {
            return;
        }
        ByteBuffer[] segs = new ByteBuffer[(int) segments];
        int pos = base + header;
        for (int i = 0; i < segments; i++) {
            byte[] bytes = new byte[(int) (in.getUnsignedIntLE(base + 4 + 4 * i) * 8)];
            in.getBytes(pos, bytes);
            pos += bytes.length;
            segs[i] = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        in.skipBytes(header + (int) total);
        out.add(new CapnpMessage(segs));
    }
}
