// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static io.qss.itests.GrpcCalls.count;
import static io.qss.itests.GrpcCalls.create;
import static io.qss.itests.GrpcCalls.insert;
import static io.qss.itests.GrpcCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary API's TLS port in the running distribution: setting {@code tlsPort} is all an operator does; bin/setenv
 * generates the certificate in the data directory's keys/, the embedded grpc serves v5api over TLS with HTTP/2 ALPN
 * on that port, a console API key reads a restricted stream through it, and {@code qss:status} names the port.
 */
class GrpcTlsIT {

    private static final long T0 = 1_474_321_946_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void givenTlsPortConfigured_whenStarted_thenGeneratedCertificateServesGrpcWithApiKeys() throws Exception {
        int tlsPort = Distribution.freePort();
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.appendConfig("etc/io.qss.api.grpc.cfg", "tlsPort = " + tlsPort + "\n");
            qss.start();

            Path keystore = qss.data.resolve("keys/tls.p12");
            assertTrue(Files.isRegularFile(keystore), "bin/setenv generated " + keystore);
            KeyStore store = qss.tlsKeyStore();
            assertTrue(qss.get("/health").contains("\"grpc\":{\"state\":\"UP\""), qss.get("/health"));
            Distribution.CommandResult status = qss.console("qss:status");
            assertTrue(status.output().contains("tlsPort=" + tlsPort), status.output());

            String key = qss.createWriteKey("grpc-tls-itest").secret();

            ManagedChannel trusting = channel(tlsPort, store);
            ManagedChannel stranger = NettyChannelBuilder.forAddress("127.0.0.1", tlsPort)
                    .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                            .build())
                    .build();
            try {
                BTrDBGrpc.BTrDBBlockingStub anonymous = BTrDBGrpc.newBlockingStub(trusting);
                BTrDBGrpc.BTrDBBlockingStub writer = withKey(anonymous, key);
                assertEquals(5, anonymous.info(InfoParams.getDefaultInstance()).getMajorVersion());

                UUID lab = UUID.randomUUID();
                assertEquals(
                        0, writer.create(create(lab, "lab/tls-itest")).getStat().getCode());
                assertEquals(0, writer.insert(insert(lab, T0, 1_000)).getStat().getCode());

                assertEquals(1_000, count(writer, lab, T0));
                assertEquals(-404, count(anonymous, lab, T0), "the lab stream is readable only with the key");
                assertThrows(
                        StatusRuntimeException.class,
                        () -> withKey(BTrDBGrpc.newBlockingStub(stranger), key).info(InfoParams.getDefaultInstance()),
                        "a client not trusting the certificate is refused");
            } finally {
                trusting.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                stranger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            qss.stop();
        }
    }

    /** A TLS channel trusting exactly the distribution's generated certificate. */
    private static ManagedChannel channel(int port, KeyStore store) throws Exception {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .sslContext(GrpcSslContexts.configure(
                                SslContextBuilder.forClient().trustManager(Distribution.trusting(store)),
                                SslProvider.JDK)
                        .build())
                .build();
    }
}
