// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.core.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS port of the binary API with a keystore made by the JDK's keytool as bin/setenv makes it: same service and
 * API keys as the plaintext port, refused by clients that do not trust the certificate, and clear errors (while the
 * plaintext port keeps serving) when the keystore is missing or its password wrong.
 */
class GrpcTlsTest {

    private static final UUID LAB = new UUID(3, 1);
    private static final String PASSWORD = "a1b2c3d4e5f6";

    @TempDir
    Path dir;

    private Fixture fixture;
    private Path keys;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture(dir.resolve("store"));
        keys = Files.createDirectories(dir.resolve("data/keys"));
        keytool(keys.resolve("tls.p12"), PASSWORD);
        Files.writeString(keys.resolve("tls.password"), PASSWORD + "\n");
        BTrDBGrpc.BTrDBBlockingStub writer = fixture.client(FakeAccess.WRITER);
        writer.create(Fixture.create(LAB, "lab/bench", "L1MAG"));
        writer.insert(InsertParams.newBuilder()
                .setUuid(Streams.bytes(LAB))
                .addValues(RawPoint.newBuilder().setTime(5).setValue(1))
                .build());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        fixture.close();
    }

    @Test
    void givenGeneratedKeystore_whenTrustingClientCalls_thenKeyOnlyStreamReadableOnlyWithTheKey() throws Exception {
        fixture.server.startTls(generated(0));
        int port = fixture.server.tlsPort();
        KeyStore trusted = load(keys.resolve("tls.p12"), PASSWORD);

        BTrDBGrpc.BTrDBBlockingStub anonymous = BTrDBGrpc.newBlockingStub(tlsChannel(port, trusted));
        BTrDBGrpc.BTrDBBlockingStub reader = Fixture.withKey(anonymous, FakeAccess.READER);

        assertTrue(port > 0 && port != fixture.server.port(), "a port of its own");
        assertEquals(5, anonymous.info(InfoParams.getDefaultInstance()).getMajorVersion());
        assertEquals(404, raw(anonymous).getStat().getCode(), "a lab stream does not exist for anonymous callers");
        assertEquals(1, raw(reader).getValuesCount());
        StatusRuntimeException unknown = assertThrows(
                StatusRuntimeException.class,
                () -> Fixture.withKey(anonymous, "qss_bogus").info(InfoParams.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
    }

    @Test
    void givenTlsPort_whenClientDoesNotTrustTheCertificate_thenHandshakeFails() throws Exception {
        fixture.server.startTls(generated(0));
        Path other = dir.resolve("other.p12");
        keytool(other, PASSWORD);

        BTrDBGrpc.BTrDBBlockingStub stranger =
                BTrDBGrpc.newBlockingStub(tlsChannel(fixture.server.tlsPort(), load(other, PASSWORD)));
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class,
                () -> Fixture.withKey(stranger, FakeAccess.READER).info(InfoParams.getDefaultInstance()));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(chain(e).contains("SSLHandshakeException") || chain(e).contains("PKIX"), chain(e));
        ManagedChannel plaintext = NettyChannelBuilder.forAddress("127.0.0.1", fixture.server.tlsPort())
                .usePlaintext()
                .build();
        channels.add(plaintext);
        assertThrows(
                StatusRuntimeException.class,
                () -> BTrDBGrpc.newBlockingStub(plaintext)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .info(InfoParams.getDefaultInstance()),
                "no plaintext on the TLS port");
    }

    @Test
    void givenWrongPassword_whenStartingTls_thenClearErrorAndPlaintextKeepsServing() throws Exception {
        Files.writeString(keys.resolve("tls.password"), "not-the-password\n");

        Exception e = assertThrows(IOException.class, () -> fixture.server.startTls(generated(0)));

        assertTrue(
                e.getMessage()
                        .startsWith("TLS keystore not opened, wrong password or not PKCS12 [keystore="
                                + keys.resolve("tls.p12")),
                e.getMessage());
        assertEquals(0, fixture.server.tlsPort());
        assertEquals(1, raw(fixture.client(FakeAccess.READER)).getValuesCount());
    }

    @Test
    void givenMissingKeystoreOrAlias_whenStartingTls_thenErrorNamesWhatIsMissing() throws Exception {
        TlsSettings missing = TlsSettings.of(
                0, dir.resolve("absent.p12").toString(), PASSWORD, "qss", new DataDirectory(dir.resolve("data")));
        TlsSettings alias = TlsSettings.of(0, "", "", "other", new DataDirectory(dir.resolve("data")));

        Exception notFound = assertThrows(IOException.class, () -> fixture.server.startTls(missing));
        Exception noAlias = assertThrows(IOException.class, () -> fixture.server.startTls(alias));

        assertTrue(
                notFound.getMessage().startsWith("TLS keystore not found [keystore=" + dir.resolve("absent.p12")),
                notFound.getMessage());
        assertTrue(noAlias.getMessage().contains("alias=other, aliases=qss"), noAlias.getMessage());
        assertEquals(0, fixture.server.tlsPort());
    }

    /** The settings of a configuration that only sets tlsPort: the generated keystore in the data directory. */
    private TlsSettings generated(int port) {
        TlsSettings tls = TlsSettings.of(port, "", "", "qss", new DataDirectory(dir.resolve("data")));
        assertEquals(keys.resolve("tls.p12"), tls.keystore());
        return tls;
    }

    private ManagedChannel tlsChannel(int port, KeyStore trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("qss", (X509Certificate) trusted.getCertificate("qss"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .sslContext(
                        GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(factory), SslProvider.JDK)
                                .build())
                .build();
        channels.add(channel);
        return channel;
    }

    private static RawValuesResponse raw(BTrDBGrpc.BTrDBBlockingStub client) {
        return client.rawValues(RawValuesParams.newBuilder()
                        .setUuid(Streams.bytes(LAB))
                        .setStart(0)
                        .setEnd(100)
                        .build())
                .next();
    }

    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append(" / ");
        }
        return text.toString();
    }

    /** A self-signed RSA key as bin/setenv makes one (alias qss, SAN localhost and 127.0.0.1, PKCS12). */
    private static void keytool(Path keystore, String password) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-noprompt",
                        "-alias",
                        "qss",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost, O=qss",
                        "-ext",
                        "SAN=DNS:localhost,IP:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    private static KeyStore load(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
