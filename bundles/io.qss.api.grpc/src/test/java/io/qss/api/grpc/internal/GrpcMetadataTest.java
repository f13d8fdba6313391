// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.FaultInjectParams;
import io.qss.api.grpc.internal.v5api.GenerateCSVParams;
import io.qss.api.grpc.internal.v5api.GenerateCSVResponse;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.KeyCount;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.ListCollectionsParams;
import io.qss.api.grpc.internal.v5api.LookupStreamsParams;
import io.qss.api.grpc.internal.v5api.MetadataUsageParams;
import io.qss.api.grpc.internal.v5api.ObliterateParams;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.SQLQueryParams;
import io.qss.api.grpc.internal.v5api.SetStreamTagsParams;
import io.qss.api.grpc.internal.v5api.StreamCSVConfig;
import io.qss.api.grpc.internal.v5api.StreamInfoParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcMetadataTest {

    private static final UUID A = new UUID(5, 1);
    private static final UUID B = new UUID(5, 2);

    @TempDir
    Path dir;

    private Fixture fixture;
    private BTrDBGrpc.BTrDBBlockingStub writer;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture(dir);
        writer = fixture.client(FakeAccess.WRITER);
        writer.create(Fixture.create(A, "lab/a", "L1MAG"));
        writer.create(Fixture.create(B, "lab/b", "C1ANG"));
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private List<String> collections(String prefix) {
        List<String> out = new ArrayList<>();
        writer.listCollections(
                        ListCollectionsParams.newBuilder().setPrefix(prefix).build())
                .forEachRemaining(m -> out.addAll(m.getCollectionsList()));
        return out;
    }

    @Test
    void givenStreams_whenListingByPrefixAndLookingUpByTag_thenMatchesOnly() {
        List<UUID> found = new ArrayList<>();
        writer.lookupStreams(LookupStreamsParams.newBuilder()
                        .setCollection("lab")
                        .setIsCollectionPrefix(true)
                        .addTags(KeyOptValue.newBuilder()
                                .setKey("name")
                                .setVal(OptValue.newBuilder().setValue("C1ANG")))
                        .build())
                .forEachRemaining(m -> m.getResultsList().forEach(d -> found.add(uuid(d.getUuid()))));

        assertEquals(List.of("lab/a", "lab/b"), collections("lab"));
        assertEquals(List.of("lab/b"), collections("lab/b"));
        assertEquals(List.of(B), found);
    }

    @Test
    void givenAStream_whenTagsSetAndMovedToAnotherCollection_thenDescriptorFollowsAndPropertyVersionChecked() {
        long version = writer.streamInfo(
                        StreamInfoParams.newBuilder().setUuid(Streams.bytes(A)).build())
                .getStreamDescriptor()
                .getPropertyVersion();

        int moved = writer.setStreamTags(SetStreamTagsParams.newBuilder()
                        .setUuid(Streams.bytes(A))
                        .setExpectedPropertyVersion(version)
                        .setCollection("lab/moved")
                        .addTags(KeyOptValue.newBuilder()
                                .setKey("unit")
                                .setVal(OptValue.newBuilder().setValue("V")))
                        .build())
                .getStat()
                .getCode();
        int stale = writer.setStreamTags(SetStreamTagsParams.newBuilder()
                        .setUuid(Streams.bytes(A))
                        .setExpectedPropertyVersion(version)
                        .addRemove("unit")
                        .build())
                .getStat()
                .getCode();
        int refused = fixture.client(FakeAccess.PUBLIC_WRITER)
                .setStreamTags(SetStreamTagsParams.newBuilder()
                        .setUuid(Streams.bytes(B))
                        .setCollection("pub/stolen")
                        .build())
                .getStat()
                .getCode();

        assertEquals(0, moved);
        assertEquals(423, stale);
        assertEquals(404, refused);
        assertEquals(List.of("lab/b", "lab/moved"), collections("lab"));
        assertEquals(
                List.of(
                        KeyCount.newBuilder().setKey("name").setCount(2).build(),
                        KeyCount.newBuilder().setKey("unit").setCount(1).build()),
                writer.getMetadataUsage(MetadataUsageParams.newBuilder()
                                .setPrefix("lab")
                                .build())
                        .getTagsList());
    }

    @Test
    void givenAStream_whenObliterated_thenGoneAndItsUuidCannotBeReused() {
        assertEquals(
                0,
                writer.obliterate(ObliterateParams.newBuilder()
                                .setUuid(Streams.bytes(A))
                                .build())
                        .getStat()
                        .getCode());

        assertEquals(
                404,
                writer.streamInfo(StreamInfoParams.newBuilder()
                                .setUuid(Streams.bytes(A))
                                .build())
                        .getStat()
                        .getCode());
        assertEquals(
                429,
                writer.create(Fixture.create(A, "lab/a", "L1MAG")).getStat().getCode());
    }

    @Test
    void givenUnsupportedCalls_whenCalled_thenFaultInjection424AndSql501() {
        assertEquals(
                424,
                writer.faultInject(FaultInjectParams.getDefaultInstance())
                        .getStat()
                        .getCode());
        assertEquals(
                501,
                writer.sQLQuery(SQLQueryParams.newBuilder().setQuery("select 1").build())
                        .next()
                        .getStat()
                        .getCode());
    }

    @Test
    void givenPoints_whenGenerateCsvOfAlignedWindows_thenStatisticsColumnsPerStream() {
        writer.insert(InsertParams.newBuilder()
                .setUuid(Streams.bytes(A))
                .addValues(RawPoint.newBuilder().setTime(0).setValue(1))
                .addValues(RawPoint.newBuilder().setTime(1).setValue(3))
                .build());
        List<GenerateCSVResponse> out = new ArrayList<>();
        writer.generateCSV(GenerateCSVParams.newBuilder()
                        .setQueryType(GenerateCSVParams.QueryType.ALIGNED_WINDOWS_QUERY)
                        .setStartTime(0)
                        .setEndTime(16)
                        .setDepth(2)
                        .setIncludeVersions(true)
                        .addStreams(StreamCSVConfig.newBuilder()
                                .setUuid(Streams.bytes(A))
                                .setLabel("a")
                                .setVersion(0))
                        .build())
                .forEachRemaining(out::add);

        assertEquals(
                List.of(
                        "Timestamp (ns)",
                        "Human-Readable Time (UTC)",
                        "a, ver. 0 (Min)",
                        "a, ver. 0 (Mean)",
                        "a, ver. 0 (Max)",
                        "a, ver. 0 (Count)"),
                out.get(0).getRowList());
        assertEquals(
                List.of("0", "1970-01-01T00:00:00Z", "1.0", "2.0", "3.0", "2"),
                out.get(1).getRowList());
    }

    private static UUID uuid(ByteString bytes) {
        try {
            return Streams.uuid(bytes);
        } catch (ApiException e) {
            throw new AssertionError(e);
        }
    }
}
