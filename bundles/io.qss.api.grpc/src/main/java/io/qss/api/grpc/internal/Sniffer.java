// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One port, two protocols: a connection whose first bytes are the HTTP/2 client preface goes to gRPC; anything else
 * (a Cap'n Proto frame starts with a little-endian segment count, so its first byte differs at once) is handed to
 * the other protocol's handlers. Built on grpc-netty's {@code @Internal} negotiator hook, pinned with the grpc
 * version.
 *
 * <p>grpc fires a {@link ProtocolNegotiationEvent} when a connection starts; the sniffer holds it back until it knows
 * the protocol, so no HTTP/2 SETTINGS frame reaches a client that does not speak HTTP/2.
 */
final class Sniffer implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A connection that has not shown its protocol by then is closed (grpc's own handshake timer is off). */
    private static final long SNIFF_TIMEOUT_SECONDS = 60;

    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext =
            InternalProtocolNegotiators.serverPlaintext();
    private final Consumer<ChannelPipeline> other;

    /** @param other installs the handlers of the other protocol at the end of a pipeline emptied of grpc's */
    Sniffer(Consumer<ChannelPipeline> other) {
        this.other = other;
    }

    @Override
    public AsciiString scheme() {
        return plaintext.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new Handler(grpcHandler);
    }

    @Override
    public void close() {
        plaintext.close();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        private final GrpcHttp2ConnectionHandler grpcHandler;
        private Object negotiationEvent;
        private ByteBuf received = Unpooled.EMPTY_BUFFER;

        Handler(GrpcHttp2ConnectionHandler grpcHandler) {
            this.grpcHandler = grpcHandler;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor()
                    .schedule(
                            () -> {
                                if (ctx.pipeline().context(this) != null) {
                                    ctx.close();
                                }
                            },
                            SNIFF_TIMEOUT_SECONDS,
                            TimeUnit.SECONDS);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof ProtocolNegotiationEvent) {
                negotiationEvent = event;
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            received = received.isReadable() ? Unpooled.wrappedBuffer(received, in) : in;
            int n = Math.min(received.readableBytes(), PREFACE.length);
            for (int i = 0; i < n; i++) {
                if (received.getByte(received.readerIndex() + i) != PREFACE[i]) {
                    toOther(ctx);
                    return;
                }
            }
            if (n == PREFACE.length) {
                toGrpc(ctx);
            }
        }

        private void toGrpc(ChannelHandlerContext ctx) {
            ByteBuf data = received;
            received = Unpooled.EMPTY_BUFFER;
            ctx.pipeline().addAfter(ctx.name(), null, plaintext.newHandler(grpcHandler));
            ctx.fireUserEventTriggered(negotiationEvent);
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(data);
        }

        private void toOther(ChannelHandlerContext ctx) {
            ByteBuf data = received;
            received = Unpooled.EMPTY_BUFFER;
            ChannelPipeline pipeline = ctx.pipeline();
            while (pipeline.last() != this) {
                pipeline.removeLast();
            }
            other.accept(pipeline);
            pipeline.remove(this);
            pipeline.fireChannelRead(data);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (received.refCnt() > 0 && received != Unpooled.EMPTY_BUFFER) {
                received.release();
            }
            received = Unpooled.EMPTY_BUFFER;
        }
    }
}
