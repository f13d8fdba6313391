// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.qss.api.grpc.internal.v5api.AlignedWindowsParams;
import io.qss.api.grpc.internal.v5api.AlignedWindowsResponse;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.ChangedRange;
import io.qss.api.grpc.internal.v5api.ChangesParams;
import io.qss.api.grpc.internal.v5api.DeleteParams;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.MergePolicy;
import io.qss.api.grpc.internal.v5api.NearestParams;
import io.qss.api.grpc.internal.v5api.NearestResponse;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.api.grpc.internal.v5api.StatPoint;
import io.qss.api.grpc.internal.v5api.WindowsParams;
import io.qss.api.grpc.internal.v5api.WindowsResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcDataTest {

    private static final UUID STREAM = new UUID(1, 1);
    private static final ByteString ID = Streams.bytes(STREAM);

    @TempDir
    Path dir;

    private Fixture fixture;
    private BTrDBGrpc.BTrDBBlockingStub writer;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture(dir);
        writer = fixture.client(FakeAccess.WRITER);
        assertEquals(
                0,
                writer.create(Fixture.create(STREAM, "lab/bench", "L1MAG"))
                        .getStat()
                        .getCode());
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private InsertResponse insert(MergePolicy policy, long... timesAndValues) {
        InsertParams.Builder p = InsertParams.newBuilder().setUuid(ID).setMergePolicy(policy);
        for (int i = 0; i < timesAndValues.length; i += 2) {
            p.addValues(RawPoint.newBuilder().setTime(timesAndValues[i]).setValue(timesAndValues[i + 1]));
        }
        return writer.insert(p.build());
    }

    private List<RawPoint> raw(long start, long end) {
        List<RawPoint> out = new ArrayList<>();
        writer.rawValues(RawValuesParams.newBuilder()
                        .setUuid(ID)
                        .setStart(start)
                        .setEnd(end)
                        .build())
                .forEachRemaining(m -> {
                    assertEquals(0, m.getStat().getCode(), m.getStat().getMsg());
                    out.addAll(m.getValuesList());
                });
        return out;
    }

    private List<Long> rawValues() {
        return raw(0, 1000).stream().map(p -> (long) p.getValue()).toList();
    }

    @Test
    void givenPointsWithEqualTimes_whenInsertedWithEachMergePolicy_thenDuplicatesFollowThePolicy() {
        insert(MergePolicy.NEVER, 1, 10, 2, 20);
        insert(MergePolicy.NEVER, 1, 10);
        assertEquals(List.of(10L, 10L, 20L), rawValues());
        insert(MergePolicy.EQUAL, 2, 20, 2, 21);
        assertEquals(List.of(10L, 10L, 20L, 21L), rawValues());
        insert(MergePolicy.RETAIN, 2, 99, 3, 30);
        assertEquals(List.of(10L, 10L, 20L, 21L, 30L), rawValues());
        insert(MergePolicy.REPLACE, 1, 11, 3, 31);
        assertEquals(List.of(11L, 20L, 21L, 31L), rawValues());
    }

    @Test
    void givenManyPoints_whenRawValuesQueried_thenChunksOf5000CarryVersionAndAllPoints() {
        InsertParams.Builder p = InsertParams.newBuilder().setUuid(ID);
        for (int i = 0; i < 50_000; i++) {
            p.addValues(RawPoint.newBuilder().setTime(1_000_000L + i).setValue(i));
        }
        InsertResponse inserted = writer.insert(p.build());
        assertEquals(0, inserted.getStat().getCode(), inserted.getStat().getMsg());

        List<RawValuesResponse> messages = new ArrayList<>();
        writer.rawValues(RawValuesParams.newBuilder()
                        .setUuid(ID)
                        .setStart(0)
                        .setEnd(Long.MAX_VALUE / 4)
                        .build())
                .forEachRemaining(messages::add);

        assertEquals(10, messages.size());
        assertTrue(messages.stream().allMatch(m -> m.getValuesCount() == 5000 && m.getVersionMajor() >= 10));
        assertEquals(1_049_999L, messages.get(9).getValues(4999).getTime());
    }

    @Test
    void givenAnEmptyRange_whenRawValuesQueried_thenOneEmptyMessage() {
        List<RawValuesResponse> messages = new ArrayList<>();
        writer.rawValues(RawValuesParams.newBuilder()
                        .setUuid(ID)
                        .setStart(0)
                        .setEnd(10)
                        .build())
                .forEachRemaining(messages::add);
        assertEquals(1, messages.size());
        assertEquals(0, messages.get(0).getValuesCount());
        assertEquals(10, messages.get(0).getVersionMajor());
    }

    @Test
    void givenPoints_whenAlignedWindowsAndWindowsQueried_thenStatisticsMatch() {
        insert(MergePolicy.NEVER, 0, 1, 1, 3, 2, 5, 9, 7);

        List<StatPoint> aligned = new ArrayList<>();
        writer.alignedWindows(AlignedWindowsParams.newBuilder()
                        .setUuid(ID)
                        .setStart(0)
                        .setEnd(16)
                        .setPointWidth(2)
                        .build())
                .forEachRemaining((AlignedWindowsResponse m) -> aligned.addAll(m.getValuesList()));
        List<StatPoint> windows = new ArrayList<>();
        writer.windows(WindowsParams.newBuilder()
                        .setUuid(ID)
                        .setStart(0)
                        .setEnd(12)
                        .setWidth(4)
                        .build())
                .forEachRemaining((WindowsResponse m) -> windows.addAll(m.getValuesList()));

        assertEquals(2, aligned.size());
        assertEquals(
                StatPoint.newBuilder()
                        .setTime(0)
                        .setMin(1)
                        .setMean(3)
                        .setMax(5)
                        .setCount(3)
                        .build(),
                aligned.get(0));
        assertEquals(8, aligned.get(1).getTime());
        assertEquals(
                List.of(3L, 0L, 1L), windows.stream().map(StatPoint::getCount).toList());
        assertEquals(7.0, windows.get(2).getMax());
    }

    @Test
    void givenPoints_whenNearestQueried_thenForwardIsInclusiveAndBackwardExclusive() {
        insert(MergePolicy.NEVER, 10, 1, 20, 2);

        NearestResponse forward = writer.nearest(
                NearestParams.newBuilder().setUuid(ID).setTime(10).build());
        NearestResponse backward = writer.nearest(NearestParams.newBuilder()
                .setUuid(ID)
                .setTime(20)
                .setBackward(true)
                .build());
        NearestResponse none = writer.nearest(
                NearestParams.newBuilder().setUuid(ID).setTime(21).build());

        assertEquals(10, forward.getValue().getTime());
        assertEquals(10, backward.getValue().getTime());
        assertEquals(401, none.getStat().getCode());
    }

    @Test
    void givenCommittedVersions_whenChangesQueried_thenTheChangedRangeIsReported() {
        long before = writer.flush(FlushParams.newBuilder().setUuid(ID).build()).getVersionMajor();
        insert(MergePolicy.NEVER, 1000, 1);
        long after = writer.flush(FlushParams.newBuilder().setUuid(ID).build()).getVersionMajor();

        List<ChangedRange> ranges = new ArrayList<>();
        writer.changes(ChangesParams.newBuilder()
                        .setUuid(ID)
                        .setFromMajor(before)
                        .setToMajor(after)
                        .build())
                .forEachRemaining(m -> {
                    assertEquals(0, m.getStat().getCode(), m.getStat().getMsg());
                    assertEquals(after, m.getVersionMajor());
                    ranges.addAll(m.getRangesList());
                });

        assertEquals(before + 1, after);
        assertEquals(1, ranges.size());
        assertTrue(ranges.get(0).getStart() <= 1000 && ranges.get(0).getEnd() > 1000);
    }

    @Test
    void givenPoints_whenDeleted_thenTheRangeIsGoneAndTheVersionAdvances() {
        insert(MergePolicy.NEVER, 1, 1, 2, 2, 3, 3);
        long flushed =
                writer.flush(FlushParams.newBuilder().setUuid(ID).build()).getVersionMajor();

        long deleted = writer.delete(DeleteParams.newBuilder()
                        .setUuid(ID)
                        .setStart(2)
                        .setEnd(3)
                        .build())
                .getVersionMajor();

        assertEquals(List.of(1L, 3L), rawValues());
        assertTrue(deleted > flushed);
        List<RawPoint> old = new ArrayList<>();
        writer.rawValues(RawValuesParams.newBuilder()
                        .setUuid(ID)
                        .setStart(0)
                        .setEnd(10)
                        .setVersionMajor(flushed)
                        .build())
                .forEachRemaining(m -> old.addAll(m.getValuesList()));
        assertEquals(3, old.size());
    }
}
