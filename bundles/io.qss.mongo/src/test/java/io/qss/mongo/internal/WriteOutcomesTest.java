// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ConnectionDescription;
import com.mongodb.connection.ServerId;
import com.mongodb.event.CommandFailedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class WriteOutcomesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    private final WriteOutcomes outcomes = new WriteOutcomes(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenFailedWrite_whenAsked_thenFailingWithReasonUntilProbeSucceeds() {
        outcomes.commandFailed(failed("insert", 1, "No space left on device"));
        assertEquals("No space left on device", outcomes.failing().orElseThrow().reason());
        assertEquals(NOW, outcomes.failing().orElseThrow().since());
        assertEquals(1, outcomes.failures());
        outcomes.probeSucceeded();
        assertTrue(outcomes.failing().isEmpty());
    }

    @Test
    void givenContentErrorOrFailedRead_whenAsked_thenStillWriting() {
        outcomes.commandFailed(failed("insert", 11000, "E11000 duplicate key error"));
        outcomes.commandFailed(failed("find", 1, "No space left on device"));
        assertTrue(outcomes.failing().isEmpty());
        assertEquals(0, outcomes.failures());
    }

    @Test
    void givenRepeatedFailures_whenAsked_thenSinceIsTheFirstAndReasonTheLatest() {
        WriteOutcomes later = new WriteOutcomes(new Clock() {
            private Instant now = NOW;

            @Override
            public Instant instant() {
                now = now.plusSeconds(10);
                return now;
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        });
        later.failed("first");
        later.commandFailed(failed("update", 1, "second"));
        assertEquals("second", later.failing().orElseThrow().reason());
        assertEquals(NOW.plusSeconds(10), later.failing().orElseThrow().since());
        assertEquals(2, later.failures());
    }

    private static CommandFailedEvent failed(String command, int code, String message) {
        BsonDocument reply = new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(code))
                .append("errmsg", new BsonString(message));
        ServerAddress server = new ServerAddress("127.0.0.1", 27018);
        return new CommandFailedEvent(
                null,
                1,
                1,
                new ConnectionDescription(new ServerId(new ClusterId(), server)),
                "qss",
                command,
                1_000,
                new MongoCommandException(reply, server));
    }
}
