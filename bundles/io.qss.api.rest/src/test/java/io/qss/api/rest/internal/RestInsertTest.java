// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.RawPoint;
import io.qss.store.api.StreamInfo;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inserts over {@code /data/add} and {@code /data/legacyadd}, read back through the same API. */
class RestInsertTest {

    private RestFixture fixture;
    private RestTransport rest;

    @BeforeEach
    void start() throws Exception {
        fixture = new RestFixture();
        rest = new RestTransport(fixture);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenWriteKey_whenAddingToUnknownUuid_thenStreamCreatedInInsertCollectionVisibleToTheKeyOnly()
            throws Exception {
        UUID uuid = UUID.randomUUID();
        HttpResponse<String> response = fixture.post(
                "/data/add/anykey",
                "{\"uuid\":\"" + uuid + "\",\"Readings\":[[30,3.5],[10,1],[20,2]]}",
                fixture.writer);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("OK 3 records, \\d+ ms\n"), response.body());
        assertEquals(
                List.of(new RawPoint(10, 1), new RawPoint(20, 2), new RawPoint(30, 3.5)),
                rest.raw(fixture.writer, uuid, 0, 100));
        StreamInfo info = fixture.store.stream(uuid).orElseThrow();
        assertEquals("rest", info.collection());
        assertEquals(uuid.toString(), info.tags().get("name"));
        assertThrows(QueryTransport.NoSuchStream.class, () -> rest.raw(null, uuid, 0, 100));
        assertThrows(QueryTransport.NoSuchStream.class, () -> rest.raw(fixture.labReader, uuid, 0, 100));
    }

    @Test
    void givenWriteKey_whenAddingToPublicStream_thenAnonymousSeesThePoints() throws Exception {
        HttpResponse<String> response = fixture.post(
                "/data/add/x", "{\"uuid\":\"" + TestData.C1ANG + "\",\"Readings\":[[5,1.25]]}", fixture.writer);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of(new RawPoint(5, 1.25)), rest.raw(null, TestData.C1ANG, 0, 10));
    }

    @Test
    void givenSmapInsert_whenPathUnderUpmu_thenStreamCreatedThereWithScaledTimesAndBooleans() throws Exception {
        UUID uuid = UUID.randomUUID();
        String body = "{\"/upmu/lab_import/LSTATE\": {\"uuid\": \"" + uuid + "\", \"Readings\": [[1000, true], "
                + "[2000, false], [3000, 7]], \"Properties\": {\"UnitofTime\": \"ms\"}}, "
                + "\"/skipped\": {\"uuid\": \"\", \"Readings\": [[1, 1]]}}";
        HttpResponse<String> response = fixture.post("/data/legacyadd/k", body, fixture.writer);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("OK \\d+ ms\n"), response.body());
        assertEquals(
                List.of(
                        new RawPoint(1_000_000_000L, 1),
                        new RawPoint(2_000_000_000L, 0),
                        new RawPoint(3_000_000_000L, 7)),
                rest.raw(null, uuid, 0, 4_000_000_000L));
        assertEquals("upmu/lab_import", fixture.store.stream(uuid).orElseThrow().collection());
    }

    @Test
    void givenSmapInsertWithoutUnit_whenAdded_thenTimesAreSeconds() throws Exception {
        UUID uuid = UUID.randomUUID();
        String body = "{\"/upmu/x/A\": {\"uuid\": \"" + uuid + "\", \"Readings\": [[2, 1.5]]}}";
        assertEquals(
                200, fixture.post("/data/legacyadd/k", body, fixture.writer).statusCode());
        assertEquals(List.of(new RawPoint(2_000_000_000L, 1.5)), rest.raw(null, uuid, 0, 3_000_000_000L));
    }

    @Test
    void givenJustAddedPoints_whenAlignedWindowsQueried_thenEveryPointCounted() throws Exception {
        UUID uuid = UUID.randomUUID();
        String body = "{\"/upmu/x/B\": {\"uuid\": \"" + uuid + "\", \"Readings\": [[1000, 1.5], [2000, 2.5], "
                + "[3000, 3]], \"Properties\": {\"UnitofTime\": \"ns\"}}}";
        assertEquals(
                200, fixture.post("/data/legacyadd/k", body, fixture.writer).statusCode());
        List<io.qss.store.api.StatPoint> windows = rest.aligned(null, uuid, 0, 1L << 30, 30);
        assertEquals(List.of(new io.qss.store.api.StatPoint(0, 1.5, 7.0 / 3, 3, 3)), windows);
    }

    @Test
    void givenKeysInAnyOrderAndCase_whenAdding_thenAccepted() throws Exception {
        UUID uuid = UUID.randomUUID();
        HttpResponse<String> response = fixture.post(
                "/data/add/k",
                "{\"readings\":[[7,[0]],[8,2]]," + "\"extra\":{\"a\":[1]},\"UUID\":\"" + uuid + "\"}",
                fixture.writer);
        assertEquals("value 0 malformed: strconv.ParseFloat: parsing \"]\": invalid syntax", response.body());
        response = fixture.post(
                "/data/add/k",
                "{\"readings\":[[8,2]],\"extra\":{\"a\":[1]},\"UUID\":\"" + uuid + "\"}",
                fixture.writer);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of(new RawPoint(8, 2)), rest.raw(fixture.writer, uuid, 0, 10));
    }
}
