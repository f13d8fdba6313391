// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import org.junit.jupiter.api.Test;

/** What health says about failing writes: storage that does not answer in time, or writes refused. */
class WriteHealthTest {

    private static final StoreException TIMED_OUT = new StoreException(
            ErrorCode.UNAVAILABLE, "writing object failed [object=wal/wal-00000001.log, error=ETIMEDOUT]");

    @Test
    void givenUnavailableFailures_whenDescribed_thenStorageNotAnsweringSinceTheFirstWithTheLatestError()
            throws Exception {
        WriteHealth health = new WriteHealth();
        health.failed("background commit failed", TIMED_OUT);
        String first = health.describe("rados");
        Thread.sleep(1_100);

        health.failed("probe write failed", new StoreException(ErrorCode.UNAVAILABLE, "probe write failed [x]"));

        String since = first.substring(first.indexOf("since="), first.indexOf(", last error="));
        assertEquals(
                "storage not answering [backend=rados, " + since + ", last error=probe write failed: probe write"
                        + " failed [x]]",
                health.describe("rados"));
    }

    @Test
    void givenUnavailableAsCause_whenDescribed_thenStorageNotAnswering() {
        WriteHealth health = new WriteHealth();
        health.failed("insert failed", new StoreException(ErrorCode.IO_ERROR, "appending failed [x]", TIMED_OUT));

        assertTrue(health.describe("rados").startsWith("storage not answering [backend=rados, since="));
    }

    @Test
    void givenRefusedWrite_whenDescribed_thenWritesFailingWithTheError() {
        WriteHealth health = new WriteHealth();
        health.failed("insert failed", new StoreException(ErrorCode.IO_ERROR, "No space left on device [x]"));

        assertEquals("writes failing: insert failed: No space left on device [x]", health.describe("file"));
    }

    @Test
    void givenFailureThenSuccess_whenDescribed_thenEmptyAndTheNextFailureStartsAnew() throws Exception {
        WriteHealth health = new WriteHealth();
        health.failed("insert failed", TIMED_OUT);
        String first = health.describe("rados");
        health.succeeded();
        assertEquals("", health.describe("rados"));
        Thread.sleep(1_100);

        health.failed("insert failed", TIMED_OUT);

        assertTrue(!health.describe("rados").equals(first), "since= starts anew: " + health.describe("rados"));
    }
}
