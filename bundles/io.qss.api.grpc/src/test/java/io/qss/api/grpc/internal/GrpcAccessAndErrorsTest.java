// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qss.api.grpc.internal.v5api.AlignedWindowsParams;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.GenerateCSVParams;
import io.qss.api.grpc.internal.v5api.GenerateCSVResponse;
import io.qss.api.grpc.internal.v5api.InfoParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.ListCollectionsParams;
import io.qss.api.grpc.internal.v5api.LookupStreamsParams;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.api.grpc.internal.v5api.SetStreamAnnotationsParams;
import io.qss.api.grpc.internal.v5api.StreamCSVConfig;
import io.qss.api.grpc.internal.v5api.StreamDescriptor;
import io.qss.api.grpc.internal.v5api.StreamInfoParams;
import io.qss.api.grpc.internal.v5api.StreamInfoResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcAccessAndErrorsTest {

    private static final UUID LAB = new UUID(2, 1);
    private static final UUID PUB = new UUID(2, 2);

    @TempDir
    Path dir;

    private Fixture fixture;
    private BTrDBGrpc.BTrDBBlockingStub writer;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture(dir);
        writer = fixture.client(FakeAccess.WRITER);
        writer.create(Fixture.create(LAB, "lab/bench", "L1MAG"));
        writer.create(Fixture.create(PUB, "pub/site", "L1MAG"));
        for (UUID id : List.of(LAB, PUB)) {
            writer.insert(InsertParams.newBuilder()
                    .setUuid(Streams.bytes(id))
                    .addValues(RawPoint.newBuilder().setTime(5).setValue(1))
                    .build());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static List<RawValuesResponse> raw(BTrDBGrpc.BTrDBBlockingStub client, UUID id) {
        List<RawValuesResponse> out = new ArrayList<>();
        client.rawValues(RawValuesParams.newBuilder()
                        .setUuid(Streams.bytes(id))
                        .setStart(0)
                        .setEnd(100)
                        .build())
                .forEachRemaining(out::add);
        return out;
    }

    @Test
    void givenAnonymousCaller_whenQueryingALabStream_thenItDoesNotExistForIt() {
        List<RawValuesResponse> anonymous = raw(fixture.client(null), LAB);
        List<RawValuesResponse> reader = raw(fixture.client(FakeAccess.READER), LAB);
        List<RawValuesResponse> publicOne = raw(fixture.client(null), PUB);

        assertEquals(1, anonymous.size());
        assertEquals(404, anonymous.get(0).getStat().getCode());
        assertEquals(0, anonymous.get(0).getValuesCount());
        assertEquals(1, reader.get(0).getValuesCount());
        assertEquals(1, publicOne.get(0).getValuesCount());
    }

    @Test
    void givenKeyWithoutTheTag_whenListingAndLookingUp_thenOnlyReadableStreamsShow() {
        BTrDBGrpc.BTrDBBlockingStub publicWriter = fixture.client(FakeAccess.PUBLIC_WRITER);
        List<String> collections = new ArrayList<>();
        publicWriter
                .listCollections(ListCollectionsParams.getDefaultInstance())
                .forEachRemaining(m -> collections.addAll(m.getCollectionsList()));
        List<StreamDescriptor> found = new ArrayList<>();
        publicWriter
                .lookupStreams(LookupStreamsParams.newBuilder()
                        .setCollection("")
                        .setIsCollectionPrefix(true)
                        .build())
                .forEachRemaining(m -> found.addAll(m.getResultsList()));

        assertEquals(List.of("pub/site"), collections);
        assertEquals(1, found.size());
        assertEquals(Streams.bytes(PUB), found.get(0).getUuid());
        assertEquals(404, raw(publicWriter, LAB).get(0).getStat().getCode());
    }

    @Test
    void givenReadOnlyOrAnonymousCaller_whenWriting_thenRefusedWith437() {
        InsertParams insert = InsertParams.newBuilder()
                .setUuid(Streams.bytes(LAB))
                .addValues(RawPoint.newBuilder().setTime(6).setValue(2))
                .build();

        assertEquals(
                437, fixture.client(FakeAccess.READER).insert(insert).getStat().getCode());
        assertEquals(
                437,
                fixture.client(null)
                        .create(Fixture.create(new UUID(9, 9), "pub/x", "a"))
                        .getStat()
                        .getCode());
        assertEquals(1, raw(writer, LAB).get(0).getValuesCount());
    }

    @Test
    void givenAnUnknownKey_whenCalling_thenUnauthenticated() {
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class, () -> fixture.client("qss_bogus").info(InfoParams.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void givenBadRequests_whenCalled_thenInBandCodesAsBtrdb() {
        ByteString lab = Streams.bytes(LAB);
        assertEquals(404, raw(writer, new UUID(7, 7)).get(0).getStat().getCode());
        assertEquals(
                406,
                writer.create(Fixture.create(LAB, "lab/bench", "L1MAG"))
                        .getStat()
                        .getCode());
        assertEquals(
                421,
                writer.streamInfo(StreamInfoParams.newBuilder()
                                .setUuid(lab)
                                .setOmitDescriptor(true)
                                .setOmitVersion(true)
                                .build())
                        .getStat()
                        .getCode());
        assertEquals(
                421,
                writer.streamInfo(StreamInfoParams.newBuilder()
                                .setUuid(ByteString.copyFromUtf8("x"))
                                .build())
                        .getStat()
                        .getCode());
        assertEquals(
                425,
                writer.insert(InsertParams.newBuilder()
                                .setUuid(lab)
                                .addValues(RawPoint.newBuilder().setTime(1).setValue(Double.NaN))
                                .build())
                        .getStat()
                        .getCode());
        assertEquals(
                413,
                writer.insert(InsertParams.newBuilder()
                                .setUuid(lab)
                                .addValues(RawPoint.newBuilder()
                                        .setTime(Long.MAX_VALUE)
                                        .setValue(1))
                                .build())
                        .getStat()
                        .getCode());
        assertEquals(
                415,
                writer.alignedWindows(AlignedWindowsParams.newBuilder()
                                .setUuid(lab)
                                .setStart(0)
                                .setEnd(10)
                                .setPointWidth(64)
                                .build())
                        .next()
                        .getStat()
                        .getCode());
        assertEquals(
                413,
                raw(writer, LAB).size() == 1
                        ? writer.rawValues(RawValuesParams.newBuilder()
                                        .setUuid(lab)
                                        .setStart(10)
                                        .setEnd(5)
                                        .build())
                                .next()
                                .getStat()
                                .getCode()
                        : -1);
        assertEquals(
                423,
                writer.setStreamAnnotations(SetStreamAnnotationsParams.newBuilder()
                                .setUuid(lab)
                                .setExpectedPropertyVersion(99)
                                .addChanges(KeyOptValue.newBuilder()
                                        .setKey("a")
                                        .setVal(OptValue.newBuilder().setValue("b")))
                                .build())
                        .getStat()
                        .getCode());
    }

    @Test
    void givenAStream_whenStreamInfoAndAnnotationsSet_thenDescriptorAndPropertyVersionFollow() {
        ByteString lab = Streams.bytes(LAB);
        StreamInfoResponse before =
                writer.streamInfo(StreamInfoParams.newBuilder().setUuid(lab).build());
        long version = before.getStreamDescriptor().getPropertyVersion();

        int code = writer.setStreamAnnotations(SetStreamAnnotationsParams.newBuilder()
                        .setUuid(lab)
                        .setExpectedPropertyVersion(version)
                        .addChanges(KeyOptValue.newBuilder()
                                .setKey("unit")
                                .setVal(OptValue.newBuilder().setValue("\"V\"")))
                        .build())
                .getStat()
                .getCode();
        StreamInfoResponse after =
                writer.streamInfo(StreamInfoParams.newBuilder().setUuid(lab).build());

        assertEquals(0, code);
        assertEquals("lab/bench", before.getStreamDescriptor().getCollection());
        assertEquals("name", before.getStreamDescriptor().getTags(0).getKey());
        assertEquals(version + 1, after.getStreamDescriptor().getPropertyVersion());
        assertEquals(
                "\"V\"", after.getStreamDescriptor().getAnnotations(0).getVal().getValue());
    }

    @Test
    void givenGzipClient_whenQuerying_thenAnswered() {
        assertEquals(1, raw(writer.withCompression("gzip"), LAB).get(0).getValuesCount());
        assertEquals(
                5,
                writer.withCompression("gzip")
                        .info(InfoParams.getDefaultInstance())
                        .getMajorVersion());
    }

    @Test
    void givenTwoStreams_whenGenerateCsvRaw_thenHeaderThenOneRowPerTime() {
        List<GenerateCSVResponse> out = new ArrayList<>();
        writer.generateCSV(GenerateCSVParams.newBuilder()
                        .setQueryType(GenerateCSVParams.QueryType.RAW_QUERY)
                        .setStartTime(0)
                        .setEndTime(100)
                        .addStreams(StreamCSVConfig.newBuilder()
                                .setUuid(Streams.bytes(LAB))
                                .setLabel("lab"))
                        .addStreams(StreamCSVConfig.newBuilder()
                                .setUuid(Streams.bytes(PUB))
                                .setLabel("pub"))
                        .build())
                .forEachRemaining(out::add);

        assertTrue(out.get(0).getIsHeader());
        assertEquals(
                List.of("Timestamp (ns)", "Human-Readable Time (UTC)", "lab", "pub"),
                out.get(0).getRowList());
        assertEquals(
                List.of("5", "1970-01-01T00:00:00.000000005Z", "1.0", "1.0"),
                out.get(1).getRowList());
        assertFalse(out.get(1).getIsHeader());
        assertEquals(2, out.size());
    }
}
