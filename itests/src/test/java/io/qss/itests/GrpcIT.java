// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static io.qss.itests.GrpcCalls.count;
import static io.qss.itests.GrpcCalls.create;
import static io.qss.itests.GrpcCalls.insert;
import static io.qss.itests.GrpcCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary API inside the running distribution: the embedded grpc-java bundle resolves and serves v5api on its
 * configured port; a write key from the console creates and fills a stream; anonymous callers see only {@code /upmu};
 * capnp answers on the same port.
 */
class GrpcIT {

    private static final long T0 = 1_474_321_946_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void givenRunningDistribution_whenUsingGrpc_thenServesWritesAndAppliesAccessControl() throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            assertTrue(qss.get("/health").contains("\"grpc\":{\"state\":\"UP\""), qss.get("/health"));
            String key = qss.createWriteKey("grpc-itest").secret();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", qss.grpcPort)
                    .usePlaintext()
                    .build();
            try {
                BTrDBGrpc.BTrDBBlockingStub anonymous = BTrDBGrpc.newBlockingStub(channel);
                BTrDBGrpc.BTrDBBlockingStub writer = withKey(anonymous, key);
                assertEquals(5, anonymous.info(InfoParams.getDefaultInstance()).getMajorVersion());

                UUID upmu = UUID.randomUUID();
                UUID lab = UUID.randomUUID();
                assertEquals(
                        437,
                        anonymous.create(create(upmu, "upmu/itest")).getStat().getCode());
                assertEquals(
                        0, writer.create(create(upmu, "upmu/itest")).getStat().getCode());
                assertEquals(
                        0, writer.create(create(lab, "lab/itest")).getStat().getCode());
                for (UUID id : List.of(upmu, lab)) {
                    assertEquals(
                            0,
                            writer.withCompression("gzip")
                                    .insert(insert(id, T0, 50_000))
                                    .getStat()
                                    .getCode());
                }

                assertEquals(50_000, count(anonymous, upmu, T0));
                assertEquals(50_000, count(writer, lab, T0));
                assertEquals(-404, count(anonymous, lab, T0));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertCapnpAnswersOnTheSamePort(qss.grpcPort);
            qss.stop();
        }
    }

    /**
     * capnp on the gRPC port: queryVersion (union tag 3) of one unknown stream, echoTag 77, comes back as a framed
     * Response with echoTag 77, statusCode internalError (1) and final set.
     */
    private static void assertCapnpAnswersOnTheSamePort(int port) throws Exception {
        byte[] request = HexFormat.of()
                .parseHex("00000000" + "08000000" + "0000000002000100" + "4d00000000000000"
                        + "0300000000000000" + "0000000000000100" + "010000000e000000" + "0100000082000000"
                        + "ffffffffffffffffffffffffffffffff");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            byte[] answer = socket.getInputStream().readNBytes(40);
            assertEquals(
                    "00000000" + "04000000" + "0000000002000100" + "4d00000000000000" + "0100010000000000"
                            + "0000000000000000",
                    HexFormat.of().formatHex(answer));
        }
    }
}
