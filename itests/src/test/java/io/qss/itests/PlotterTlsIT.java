// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plotter over HTTPS with the certificate the distribution generates itself: enabling HTTPS in
 * etc/org.ops4j.pax.web.cfg is all an operator does; bin/setenv creates a self-signed certificate for the host in the
 * data directory's keys/ with a random password, the container serves the plotter on the secure port, and the
 * session cookie is marked Secure.
 */
class PlotterTlsIT {

    private static final String WEB_CFG = "etc/org.ops4j.pax.web.cfg";

    @TempDir
    Path dir;

    @Test
    void givenHttpsEnabled_whenStarted_thenPlotterServesOverTheGeneratedCertificate() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            Path cfg = qss.home.resolve(WEB_CFG);
            Files.writeString(
                    cfg,
                    Files.readString(cfg)
                            .replace(
                                    "org.osgi.service.http.secure.enabled = false",
                                    "org.osgi.service.http.secure.enabled = true"));
            qss.start();

            Properties web = new Properties();
            try (InputStream in = Files.newInputStream(cfg)) {
                web.load(in);
            }
            String password = web.getProperty("org.ops4j.pax.web.ssl.keystore.password");
            assertNotEquals("changeit", password, "a random password replaces the placeholder");
            assertEquals(
                    password,
                    Files.readString(qss.data.resolve("keys/tls.password")).strip(),
                    "the password kept beside the keystore for the other TLS listeners");
            KeyStore store = qss.tlsKeyStore();
            X509Certificate certificate = (X509Certificate) store.getCertificate("qss");
            assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), "self-signed");

            URI session = URI.create("https://127.0.0.1:" + qss.plotterHttpsPort + "/api/session");
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(trusting(store))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> anonymous = awaitAnswer(trusting, session);
            assertEquals(200, anonymous.statusCode(), anonymous.body());
            assertTrue(anonymous.body().contains("\"user\":null"), anonymous.body());

            assertEquals(0, qss.console("plotter:adduser tls-user s3cret").exitCode());
            HttpResponse<String> login = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + qss.plotterHttpsPort + "/api/login"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"tls-user\",\"password\":\"s3cret\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly"), cookie);

            HttpClient strict = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThrows(
                    SSLHandshakeException.class,
                    () -> strict.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the self-signed certificate is refused");
            assertEquals(
                    200,
                    strict.send(
                                    HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/session"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode(),
                    "plain HTTP still serves");
        }
    }

    private static SSLContext trusting(KeyStore store) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, Distribution.trusting(store).getTrustManagers(), null);
        return context;
    }

    /** The secure connector may open a moment after /status says OK: retry connection failures, bounded. */
    private static HttpResponse<String> awaitAnswer(HttpClient http, URI uri) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
