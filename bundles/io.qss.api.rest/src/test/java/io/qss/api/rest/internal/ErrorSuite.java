// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PERIOD;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.qss.api.rest.internal.QueryTransport.ErrorKind;
import io.qss.api.rest.internal.QueryTransport.NoSuchStream;
import io.qss.api.rest.internal.QueryTransport.Operation;
import io.qss.api.rest.internal.QueryTransport.Refused;
import io.qss.store.api.RawPoint;
import io.qss.store.api.TimeSeriesStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The refusals of the shared suite: each transport reports them as precisely as its protocol allows
 * ({@link QueryTransport#reported}); tests of operations a transport lacks are skipped. Writes go to a fresh stream
 * per test ({@link TestData#copyOfL1mag}).
 */
public abstract class ErrorSuite {

    /** The transport under test. */
    protected abstract QueryTransport transport();

    /** The store and keys behind the transport. */
    protected abstract SuiteData data();

    /** A key with tag {@code lab} (reads {@code /lab}), no writes. */
    protected final String labKey() {
        return data().labReader;
    }

    /** A key that may write every stream. */
    protected final String writerKey() {
        return data().writer;
    }

    /** The store behind the transport, to create each test's own stream. */
    protected final TimeSeriesStore store() {
        return data().store;
    }

    @Test
    void givenStartNotBeforeEnd_whenQueried_thenInvalidRange() {
        assertRefused(ErrorKind.INVALID_RANGE, () -> transport().raw(null, L1MAG, RAW_START, RAW_START));
        assertRefused(ErrorKind.INVALID_RANGE, () -> transport().raw(null, L1MAG, RAW_END, RAW_START));
        assertRefused(ErrorKind.INVALID_RANGE, () -> transport().aligned(null, L1MAG, RAW_END, RAW_START, 30));
    }

    @Test
    void givenStartNotBeforeEnd_whenDeleting_thenInvalidRangeAndNothingDeleted() throws Exception {
        assume(Operation.DELETE);
        UUID uuid = TestData.copyOfL1mag(store());
        assertRefused(ErrorKind.INVALID_RANGE, () -> transport().delete(writerKey(), uuid, RAW_END, RAW_START));
        assertEquals(
                TestData.RAW_POINTS,
                transport().raw(null, uuid, RAW_START, RAW_END).size());
    }

    @Test
    void givenUnknownStream_whenQueriedOrChanged_thenNoSuchStream() {
        assertRefused(ErrorKind.NO_SUCH_STREAM, () -> transport().raw(null, MISSING, RAW_START, RAW_END));
        assertRefused(ErrorKind.NO_SUCH_STREAM, () -> transport().raw(writerKey(), MISSING, RAW_START, RAW_END));
        if (transport().supports(Operation.VERSION)) {
            assertRefused(ErrorKind.NO_SUCH_STREAM, () -> transport().version(null, MISSING));
        }
        if (transport().supports(Operation.DELETE)) {
            assertRefused(ErrorKind.NO_SUCH_STREAM, () -> transport().delete(writerKey(), MISSING, 0, 1));
        }
    }

    @Test
    void givenPointWidthAbove63_whenQueriedAligned_thenInvalidPointWidth() {
        assertRefused(ErrorKind.INVALID_POINT_WIDTH, () -> transport().aligned(null, L1MAG, RAW_START, RAW_END, 64));
    }

    @Test
    void givenFromVersionAfterTo_whenChangesQueried_thenInvalidVersions() throws Exception {
        assume(Operation.CHANGES);
        UUID uuid = TestData.copyOfL1mag(store());
        long version = store().version(uuid).major();
        assertRefused(ErrorKind.INVALID_VERSIONS, () -> transport().changes(null, uuid, version, version - 1, 30));
    }

    @Test
    void givenCallersWithoutWriteFlag_whenInserting_thenRefusedAndStreamUnchanged() throws Exception {
        assume(Operation.INSERT);
        UUID uuid = TestData.copyOfL1mag(store());
        List<RawPoint> point = List.of(new RawPoint(RAW_START + PERIOD / 2, 1.5));
        assertRefused(ErrorKind.NOT_ALLOWED, () -> transport().insert(null, uuid, point));
        assertRefused(ErrorKind.NOT_ALLOWED, () -> transport().insert(labKey(), uuid, point));
        assertEquals(
                TestData.RAW_POINTS,
                transport().raw(null, uuid, RAW_START, RAW_END).size());
    }

    @Test
    void givenCallersWithoutWriteFlag_whenDeleting_thenRefusedAndPointsRemain() throws Exception {
        assume(Operation.DELETE);
        UUID uuid = TestData.copyOfL1mag(store());
        assertRefused(ErrorKind.NOT_ALLOWED, () -> transport().delete(null, uuid, RAW_START, RAW_END));
        assertRefused(ErrorKind.NOT_ALLOWED, () -> transport().delete(labKey(), uuid, RAW_START, RAW_END));
        assertEquals(
                TestData.RAW_POINTS,
                transport().raw(null, uuid, RAW_START, RAW_END).size());
    }

    @Test
    void givenWriterKey_whenInserting_thenPointsVisibleToEveryone() throws Exception {
        assume(Operation.INSERT);
        UUID uuid = TestData.copyOfL1mag(store());
        List<RawPoint> points = List.of(new RawPoint(RAW_END + 1, 1.5), new RawPoint(RAW_END + 2, -2.25));
        transport().insert(writerKey(), uuid, points);
        assertEquals(points, transport().raw(null, uuid, RAW_END, RAW_END + 10));
    }

    /** Skips the calling test unless the transport offers the operation. */
    protected void assume(Operation operation) {
        Assumptions.assumeTrue(
                transport().supports(operation),
                () -> transport().getClass().getSimpleName() + " has no " + operation + " operation");
    }

    /** A call over the transport that may fail. */
    protected interface Call {
        void run() throws Exception;
    }

    /** Asserts the call is refused as this transport reports a refusal of kind {@code expected}. */
    protected void assertRefused(ErrorKind expected, Call call) {
        ErrorKind actual;
        try {
            call.run();
            fail("expected a refusal: " + expected);
            return;
        } catch (NoSuchStream e) {
            actual = ErrorKind.NO_SUCH_STREAM;
        } catch (Refused e) {
            actual = e.kind();
        } catch (Exception e) {
            throw new AssertionError("unexpected failure instead of " + expected, e);
        }
        assertEquals(transport().reported(expected), actual, "refusal of kind " + expected);
    }
}
