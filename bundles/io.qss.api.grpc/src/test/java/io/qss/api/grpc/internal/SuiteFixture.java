// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.SuiteData;

/**
 * The binary API over the shared query suite's data and access control ({@link SuiteData}). {@link #server} serves
 * gRPC and anonymous capnp; {@link #labCapnp} serves capnp with the rights of {@link #labReader} (capnp carries no
 * credentials, so a key is a server setting), {@link #writerCapnp} those of {@link #writer}. Close it after use.
 */
final class SuiteFixture extends SuiteData {

    final BinaryServer server;
    final BinaryServer labCapnp;
    final BinaryServer writerCapnp;

    SuiteFixture() throws Exception {
        Streams streams = new Streams(store, access);
        server = BinaryServer.start(
                ServerSettings.defaults("127.0.0.1", 0), new CapnpSettings(true, "", "capnp"), streams);
        labCapnp = BinaryServer.start(
                ServerSettings.defaults("127.0.0.1", 0), new CapnpSettings(true, labReader, "capnp"), streams);
        writerCapnp = BinaryServer.start(
                ServerSettings.defaults("127.0.0.1", 0), new CapnpSettings(true, writer, "capnp"), streams);
    }

    @Override
    public void close() throws Exception {
        writerCapnp.close();
        labCapnp.close();
        server.close();
        super.close();
    }
}
