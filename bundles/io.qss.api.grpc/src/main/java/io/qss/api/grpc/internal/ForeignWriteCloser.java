// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOutboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;

/**
 * First outbound handler of a non-gRPC connection: grpc's server shutdown writes its own command objects into
 * every connection's pipeline, which only its HTTP/2 handler understands; here any write that is not bytes closes
 * the connection instead.
 */
final class ForeignWriteCloser extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            ctx.write(msg, promise);
            return;
        }
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        ctx.close();
    }
}
