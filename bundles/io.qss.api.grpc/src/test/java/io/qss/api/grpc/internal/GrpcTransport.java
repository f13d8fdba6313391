// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.ManagedChannel;
import io.qss.api.grpc.internal.v5api.AlignedWindowsParams;
import io.qss.api.grpc.internal.v5api.AlignedWindowsResponse;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.ChangesParams;
import io.qss.api.grpc.internal.v5api.ChangesResponse;
import io.qss.api.grpc.internal.v5api.DeleteParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.NearestParams;
import io.qss.api.grpc.internal.v5api.NearestResponse;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.api.grpc.internal.v5api.Status;
import io.qss.api.grpc.internal.v5api.StreamInfoParams;
import io.qss.api.grpc.internal.v5api.WindowsParams;
import io.qss.api.grpc.internal.v5api.WindowsResponse;
import io.qss.api.rest.internal.QueryTransport;
import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@link QueryTransport} over gRPC v5api: RawValues (with versionMajor), AlignedWindows, Windows (depth 0), Nearest,
 * a bracket from two Nearest calls, StreamInfo (version), Changes, Delete and Insert (sync). The in-band status 404
 * is {@link NoSuchStream}, other codes are {@link Refused} (§4.5); a key travels as {@code authorization: Bearer}.
 */
final class GrpcTransport implements QueryTransport, AutoCloseable {

    private final ManagedChannel channel;

    GrpcTransport(int port) {
        channel = Fixture.plaintextChannel(port);
    }

    private BTrDBGrpc.BTrDBBlockingStub stub(String key) {
        return Fixture.withKey(BTrDBGrpc.newBlockingStub(channel), key);
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception {
        return raw(key, uuid, start, end, 0);
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end, long version) throws Exception {
        List<RawPoint> points = new ArrayList<>();
        Iterator<RawValuesResponse> messages = stub(key)
                .rawValues(RawValuesParams.newBuilder()
                        .setUuid(Streams.bytes(uuid))
                        .setStart(start)
                        .setEnd(end)
                        .setVersionMajor(version)
                        .build());
        while (messages.hasNext()) {
            RawValuesResponse message = messages.next();
            check(message.getStat());
            message.getValuesList().forEach(p -> points.add(new RawPoint(p.getTime(), p.getValue())));
        }
        return points;
    }

    @Override
    public List<StatPoint> aligned(String key, UUID uuid, long start, long end, int pw) throws Exception {
        return stats(
                stub(key)
                        .alignedWindows(AlignedWindowsParams.newBuilder()
                                .setUuid(Streams.bytes(uuid))
                                .setStart(start)
                                .setEnd(end)
                                .setPointWidth(pw)
                                .build()),
                AlignedWindowsResponse::getStat,
                AlignedWindowsResponse::getValuesList);
    }

    @Override
    public List<StatPoint> windows(String key, UUID uuid, long start, long end, long width) throws Exception {
        return stats(
                stub(key)
                        .windows(WindowsParams.newBuilder()
                                .setUuid(Streams.bytes(uuid))
                                .setStart(start)
                                .setEnd(end)
                                .setWidth(width)
                                .setDepth(0)
                                .build()),
                WindowsResponse::getStat,
                WindowsResponse::getValuesList);
    }

    @Override
    public Optional<RawPoint> nearest(String key, UUID uuid, long time, boolean backward) throws Exception {
        NearestResponse response = stub(key)
                .nearest(NearestParams.newBuilder()
                        .setUuid(Streams.bytes(uuid))
                        .setTime(time)
                        .setBackward(backward)
                        .build());
        if (response.getStat().getCode() == ApiException.NO_SUCH_POINT) {
            return Optional.empty();
        }
        check(response.getStat());
        return Optional.of(
                new RawPoint(response.getValue().getTime(), response.getValue().getValue()));
    }

    @Override
    public Optional<long[]> bracket(String key, UUID uuid) throws Exception {
        return Bracket.of(this, key, uuid);
    }

    @Override
    public long version(String key, UUID uuid) throws Exception {
        var response = stub(key)
                .streamInfo(StreamInfoParams.newBuilder()
                        .setUuid(Streams.bytes(uuid))
                        .setOmitDescriptor(true)
                        .build());
        check(response.getStat());
        return response.getVersionMajor();
    }

    @Override
    public Changes changes(String key, UUID uuid, long fromVersion, long toVersion, int resolution) throws Exception {
        List<ChangedRange> ranges = new ArrayList<>();
        long version = 0;
        Iterator<ChangesResponse> messages = stub(key)
                .changes(ChangesParams.newBuilder()
                        .setUuid(Streams.bytes(uuid))
                        .setFromMajor(fromVersion)
                        .setToMajor(toVersion)
                        .setResolution(resolution)
                        .build());
        while (messages.hasNext()) {
            ChangesResponse message = messages.next();
            check(message.getStat());
            version = message.getVersionMajor();
            message.getRangesList().forEach(r -> ranges.add(new ChangedRange(r.getStart(), r.getEnd())));
        }
        return new Changes(version, ranges);
    }

    @Override
    public void delete(String key, UUID uuid, long start, long end) throws Exception {
        check(stub(key)
                .delete(DeleteParams.newBuilder()
                        .setUuid(Streams.bytes(uuid))
                        .setStart(start)
                        .setEnd(end)
                        .build())
                .getStat());
    }

    @Override
    public void insert(String key, UUID uuid, List<RawPoint> points) throws Exception {
        InsertParams.Builder params =
                InsertParams.newBuilder().setUuid(Streams.bytes(uuid)).setSync(true);
        points.forEach(p -> params.addValues(io.qss.api.grpc.internal.v5api.RawPoint.newBuilder()
                .setTime(p.time())
                .setValue(p.value())));
        check(stub(key).insert(params.build()).getStat());
    }

    /** The windows of every message of an AlignedWindows or Windows answer, after checking each one's status. */
    private static <M> List<StatPoint> stats(
            Iterator<M> messages,
            Function<M, Status> stat,
            Function<M, List<io.qss.api.grpc.internal.v5api.StatPoint>> values)
            throws NoSuchStream, Refused {
        List<StatPoint> points = new ArrayList<>();
        while (messages.hasNext()) {
            M message = messages.next();
            check(stat.apply(message));
            values.apply(message)
                    .forEach(p ->
                            points.add(new StatPoint(p.getTime(), p.getMin(), p.getMean(), p.getMax(), p.getCount())));
        }
        return points;
    }

    private static void check(Status stat) throws NoSuchStream, Refused {
        if (stat.getCode() == ApiException.NO_SUCH_STREAM) {
            throw new NoSuchStream(stat.getMsg());
        }
        if (stat.getCode() != 0) {
            throw new Refused(kind(stat.getCode()), "code " + stat.getCode() + ": " + stat.getMsg());
        }
    }

    private static ErrorKind kind(int code) {
        return switch (code) {
            case 413 -> ErrorKind.INVALID_RANGE;
            case 415 -> ErrorKind.INVALID_POINT_WIDTH;
            case 427 -> ErrorKind.INVALID_VERSIONS;
            case ApiException.UNAUTHORIZED -> ErrorKind.NOT_ALLOWED;
            default -> ErrorKind.OTHER;
        };
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
