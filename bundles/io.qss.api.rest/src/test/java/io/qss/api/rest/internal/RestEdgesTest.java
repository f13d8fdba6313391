// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import javax.servlet.Servlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listener's edges, over raw sockets: credentials are checked before a write body is read, bodies are capped,
 * TRACE is refused everywhere and failures of the server itself do not show its insides.
 */
class RestEdgesTest {

    private static final long ONE_GIB = 1L << 30;
    private static RestFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenAnonymousOneGibInsert_whenOnlyHeadersSent_then401ArrivesAndConnectionCloses() throws Exception {
        assertRefusedBeforeBody(null, 401, "writing needs an API key with write access");
    }

    @Test
    void givenReadOnlyKeyOneGibInsert_whenOnlyHeadersSent_then403ArrivesAndConnectionCloses() throws Exception {
        assertRefusedBeforeBody(fixture.labReader, 403, "this API key may not write");
    }

    @Test
    void givenWriteKeyAndDeclaredBodyOverTheCap_whenOnlyHeadersSent_then413ArrivesAndConnectionCloses()
            throws Exception {
        assertRefusedBeforeBody(
                fixture.writer, 413, "request body too large [maxBodyBytes=" + RestFixture.MAX_BODY_BYTES + "]");
    }

    private static void assertRefusedBeforeBody(String key, int status, String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.listener.port())) {
            socket.setSoTimeout(10_000);
            long began = System.nanoTime();
            send(
                    socket,
                    "POST /data/add/x HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                            + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                            + "Content-Length: " + ONE_GIB + "\r\n\r\n");
            String answer = readUntilClosed(socket.getInputStream());
            long millis = (System.nanoTime() - began) / 1_000_000;
            System.out.printf("refused_before_body status=%d ms=%d%n", status, millis);
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.endsWith("\r\n\r\n" + text), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    @Test
    void givenChunkedBodyOverTheCap_whenStreamed_then413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.listener.port())) {
            socket.setSoTimeout(10_000);
            send(
                    socket,
                    "POST /data/add/x HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + fixture.writer
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            Thread writer = new Thread(() -> streamValidInsert(socket), "chunked-writer");
            writer.setDaemon(true);
            writer.start();
            String answer = readUntilClosed(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(
                    answer.endsWith("request body too large [maxBodyBytes=" + RestFixture.MAX_BODY_BYTES + "]"),
                    answer);
        }
    }

    /** A well-formed insert that never ends: chunks of readings until the server stops taking them. */
    private static void streamValidInsert(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            chunk(out, "{\"uuid\":\"" + TestData.L1MAG + "\",\"Readings\":[[1,1]");
            String readings = ",[2,2.5]".repeat(8192);
            while (true) {
                chunk(out, readings);
            }
        } catch (IOException e) {
            // the server closed the connection after its answer: what the test expects
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/status",
                "/data/uuid/" + "00000000-0000-0000-0000-000000000000",
                "/directcsv",
                "/nothing/here",
                "/"
            })
    void givenTrace_whenSentToAnyPath_then405WithoutEcho(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.listener.port())) {
            socket.setSoTimeout(10_000);
            send(
                    socket,
                    "TRACE " + path + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer secret-to-echo\r\n"
                            + "Connection: close\r\n\r\n");
            String answer = readUntilClosed(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
            assertFalse(answer.contains("secret-to-echo"), answer);
        }
    }

    @Test
    void givenServerFailure_whenQueried_then500WithReferenceAndNoInternalText() throws Exception {
        RestApi failing = new RestApi(
                () -> {
                    throw new IllegalStateException("internal detail /var/lib/secret");
                },
                fixture.access,
                100,
                "rest",
                ZoneId.of("UTC"));
        try (HttpListener listener = HttpListener.start("failing", "127.0.0.1", 0, 4, 1 << 20, Endpoints.of(failing))) {
            try (Socket socket = new Socket("127.0.0.1", listener.port())) {
                socket.setSoTimeout(10_000);
                send(
                        socket,
                        "GET /data/uuid/" + TestData.L1MAG + "?starttime=1&endtime=2 HTTP/1.1\r\n"
                                + "Host: test\r\nConnection: close\r\n\r\n");
                String answer = readUntilClosed(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
                assertTrue(answer.matches("(?s).*internal server error; see the server log \\[ref=[0-9a-f]+]"), answer);
                assertFalse(answer.contains("secret") || answer.contains("Exception"), answer);
                assertFalse(answer.contains("Jetty"), "no server version: " + answer);
            }
        }
    }

    @Test
    void givenWrappedCsvFormOverTheContainersFormLimit_whenPosted_then400NotAServerFailure() throws Exception {
        HttpResponse<String> response = fixture.post("/wrappedcsv", "body=" + "x".repeat(300_000), null);
        assertEquals(400, response.statusCode(), response.body());
        assertFalse(response.body().contains("internal"), response.body());
    }

    @Test
    void givenMalformedRequest_whenSent_thenContainerErrorNamesNoInternals() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.listener.port())) {
            socket.setSoTimeout(10_000);
            send(socket, "GET /status HTTP/1.1\r\nHost: test\r\nContent-Length: -5\r\n\r\n");
            String answer = readUntilClosed(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertFalse(answer.contains("Exception") || answer.contains("Jetty") || answer.contains("at org."), answer);
        }
    }

    @Test
    void givenHealthServlets_whenTraced_thenRefusedEvenOutsideTheApi() throws Exception {
        Map<String, Servlet> only = Map.of("/*", new NotFoundServlet());
        try (HttpListener listener = HttpListener.start("trace", "127.0.0.1", 0, 4, 1 << 20, only);
                Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            send(socket, "TRACE /x HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
            assertTrue(readUntilClosed(socket.getInputStream()).startsWith("HTTP/1.1 405 "));
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection; fails when it keeps it open for 10 s. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after 10 s; got: " + bytes, e);
        } catch (IOException e) {
            // a reset after the answer (the server closed with our data unread) ends the answer too
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
