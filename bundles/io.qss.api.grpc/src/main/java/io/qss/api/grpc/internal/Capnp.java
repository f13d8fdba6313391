// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * capnp 3.x on a connection that is not gRPC: frames are decoded on the event loop and each request runs on the
 * call executor, so requests of one connection run concurrently and their answers may come back out of order (each
 * carries its echoTag), as in BTrDB 3.x. A slow reader holds its queries back (writes wait while the channel is not
 * writable).
 */
final class Capnp extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Capnp.class);
    private static final long PAUSE_NANOS = 100_000;

    private final CapnpCommands commands;
    private final Executor executor;

    private Capnp(CapnpCommands commands, Executor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    /** Installs capnp on a connection, or closes it when capnp is off. */
    static Consumer<ChannelPipeline> installer(Streams streams, CapnpSettings settings, Executor executor) {
        if (!settings.isEnabled()) {
            return pipeline -> pipeline.channel().close();
        }
        CapnpCommands commands = new CapnpCommands(streams, settings);
        return pipeline -> pipeline.addLast(new CapnpFrameDecoder(), new Capnp(commands, executor));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel channel = ctx.channel();
        try {
            executor.execute(() -> run((CapnpMessage) msg, channel));
        } catch (RejectedExecutionException e) {
            channel.close();
        }
    }

    private void run(CapnpMessage message, Channel channel) {
        try {
            commands.execute(message, bytes -> write(channel, bytes));
        } catch (ConnectionGone e) {
            LOG.debug("capnp client went away during a request", e);
        } catch (RuntimeException e) {
            LOG.warn("capnp request failed [remote={}]", channel.remoteAddress(), e);
            channel.close();
        }
    }

    private static void write(Channel channel, byte[] frame) {
        while (!channel.isWritable()) {
            if (!channel.isActive()) {
                throw new ConnectionGone();
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        if (!channel.isActive()) {
            throw new ConnectionGone();
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("capnp connection failed [remote={}]", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    /** The client closed the connection while its answer was being sent. */
    private static final class ConnectionGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionGone() {
            super("capnp connection closed", null, false, false);
        }
    }
}
