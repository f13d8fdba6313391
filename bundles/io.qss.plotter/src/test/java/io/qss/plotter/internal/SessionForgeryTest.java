// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.auth.DocumentSeal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session document written straight into MongoDB, without the seal key, logs nobody in. */
class SessionForgeryTest {

    private static PlotterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlotterFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenForgedSessionWithoutSeal_whenCookiePresented_thenAnonymous() throws Exception {
        String token = "forged-token-without-seal";
        forgeSession(token, null);
        assertNull(sessionUser(token));
        assertTrue(fixture.sessions().caller(token).isEmpty());
    }

    @Test
    void givenSealOfAnotherSessionCopied_whenCookiePresented_thenAnonymous() throws Exception {
        String genuine =
                fixture.sessions().open(fixture.access.login("bob", "hunter2").orElseThrow());
        Document stored = fixture.database
                .getCollection("sessions")
                .find(new Document("_id", sha256(genuine)))
                .first();
        String token = "forged-token-with-copied-seal";
        forgeSession(token, stored.getString(DocumentSeal.FIELD));
        assertNull(sessionUser(token));
        assertEquals("bob", sessionUser(genuine), "the genuine session still works");
    }

    @Test
    void givenGenuineSessionUserRewritten_whenCookiePresented_thenRefused() throws Exception {
        String genuine =
                fixture.sessions().open(fixture.access.login("bob", "hunter2").orElseThrow());
        fixture.database
                .getCollection("sessions")
                .updateOne(new Document("_id", sha256(genuine)), new Document("$set", new Document("user", "alice")));
        assertTrue(fixture.sessions().caller(genuine).isEmpty(), "a plotter reading the document refuses it");
    }

    private static void forgeSession(String token, String seal) throws Exception {
        Document doc = new Document("_id", sha256(token))
                .append("user", "alice")
                .append("lastUsed", new Date(fixture.clock.millis()));
        if (seal != null) {
            doc.append(DocumentSeal.FIELD, seal);
        }
        fixture.database.getCollection("sessions").insertOne(doc);
    }

    /** The user the plotter answers for this session cookie, null when anonymous. */
    private static String sessionUser(String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(fixture.base() + "/api/session"))
                                .header("Cookie", PlotterServlet.COOKIE + "=" + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Document.parse(response.body()).getString("user");
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
