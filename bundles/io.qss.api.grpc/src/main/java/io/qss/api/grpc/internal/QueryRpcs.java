// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.stub.StreamObserver;
import io.qss.api.grpc.internal.v5api.AlignedWindowsParams;
import io.qss.api.grpc.internal.v5api.AlignedWindowsResponse;
import io.qss.api.grpc.internal.v5api.ChangedRange;
import io.qss.api.grpc.internal.v5api.ChangesParams;
import io.qss.api.grpc.internal.v5api.ChangesResponse;
import io.qss.api.grpc.internal.v5api.NearestParams;
import io.qss.api.grpc.internal.v5api.NearestResponse;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.api.grpc.internal.v5api.WindowsParams;
import io.qss.api.grpc.internal.v5api.WindowsResponse;
import io.qss.store.api.Changes;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.util.List;
import java.util.UUID;

/**
 * RawValues, AlignedWindows, Windows, Nearest and Changes. Streams carry at most {@value #POINTS_PER_MESSAGE} points
 * (or {@value #RANGES_PER_MESSAGE} ranges) per message, at least one message, each with the version answered; an
 * error is the last message, with {@code stat} set and no values.
 */
final class QueryRpcs {

    static final int POINTS_PER_MESSAGE = 5000;
    static final int RANGES_PER_MESSAGE = 1000;

    private final Streams streams;
    private final TimeSeriesStore store;

    QueryRpcs(Streams streams) {
        this.streams = streams;
        this.store = streams.store();
    }

    /** RawValues, encoded straight from the store's arrays (see {@link RawEncoder}). */
    void rawValues(RawValuesParams p, StreamObserver<Encoded> observer) {
        Sender<Encoded> sender = new Sender<>(observer);
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.readable(uuid);
            Version version = streams.versionFor(uuid, p.getVersionMajor());
            RawEncoder encoder = new RawEncoder(POINTS_PER_MESSAGE, version.major(), version.minor());
            boolean[] hasSent = {false};
            store.rawValues(uuid, p.getStart(), p.getEnd(), p.getVersionMajor(), (times, values, from, to) -> {
                for (int i = from; i < to; i++) {
                    if (encoder.add(times[i], values[i])) {
                        hasSent[0] = true;
                        if (!sender.send(encoder.take())) {
                            return false;
                        }
                    }
                }
                return true;
            });
            if (encoder.count() > 0 || !hasSent[0]) {
                sender.send(encoder.take());
            }
        } catch (ApiException e) {
            sender.send(Encoded.of(
                    RawValuesResponse.newBuilder().setStat(Proto.status(e)).build()));
        } catch (StoreException e) {
            sender.send(Encoded.of(RawValuesResponse.newBuilder()
                    .setStat(Proto.status(ApiException.of(e)))
                    .build()));
        }
        sender.complete();
    }

    void alignedWindows(AlignedWindowsParams p, StreamObserver<AlignedWindowsResponse> observer) {
        Sender<AlignedWindowsResponse> sender = new Sender<>(observer);
        AlignedWindowsResponse.Builder message = AlignedWindowsResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.readable(uuid);
            Version version = streams.versionFor(uuid, p.getVersionMajor());
            message.setVersionMajor(version.major()).setVersionMinor(version.minor());
            StatBatch batch = new StatBatch(points ->
                    sender.send(message.clearValues().addAllValues(points).build()));
            store.alignedWindows(uuid, p.getStart(), p.getEnd(), (int) p.getPointWidth(), p.getVersionMajor(), batch);
            batch.finish();
        } catch (ApiException e) {
            sender.send(message.clearValues().setStat(Proto.status(e)).build());
        } catch (StoreException e) {
            sender.send(message.clearValues()
                    .setStat(Proto.status(ApiException.of(e)))
                    .build());
        }
        sender.complete();
    }

    void windows(WindowsParams p, StreamObserver<WindowsResponse> observer) {
        Sender<WindowsResponse> sender = new Sender<>(observer);
        WindowsResponse.Builder message = WindowsResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.readable(uuid);
            Version version = streams.versionFor(uuid, p.getVersionMajor());
            message.setVersionMajor(version.major()).setVersionMinor(version.minor());
            StatBatch batch = new StatBatch(points ->
                    sender.send(message.clearValues().addAllValues(points).build()));
            store.windows(uuid, p.getStart(), p.getEnd(), p.getWidth(), (int) p.getDepth(), p.getVersionMajor(), batch);
            batch.finish();
        } catch (ApiException e) {
            sender.send(message.clearValues().setStat(Proto.status(e)).build());
        } catch (StoreException e) {
            sender.send(message.clearValues()
                    .setStat(Proto.status(ApiException.of(e)))
                    .build());
        }
        sender.complete();
    }

    NearestResponse nearest(NearestParams p) {
        NearestResponse.Builder response = NearestResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.readable(uuid);
            Version version = streams.versionFor(uuid, p.getVersionMajor());
            io.qss.store.api.RawPoint point = store.nearest(uuid, p.getTime(), p.getBackward(), p.getVersionMajor())
                    .orElseThrow(() -> new ApiException(
                            ApiException.NO_SUCH_POINT,
                            "no such point [uuid=" + uuid + ", time=" + p.getTime() + ", backward=" + p.getBackward()
                                    + "]"));
            return response.setVersionMajor(version.major())
                    .setVersionMinor(version.minor())
                    .setValue(RawPoint.newBuilder().setTime(point.time()).setValue(point.value()))
                    .build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    void changes(ChangesParams p, StreamObserver<ChangesResponse> observer) {
        Sender<ChangesResponse> sender = new Sender<>(observer);
        ChangesResponse.Builder message = ChangesResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.readable(uuid);
            Changes changes = store.changes(uuid, p.getFromMajor(), p.getToMajor(), (int) p.getResolution());
            message.setVersionMajor(changes.version());
            List<io.qss.store.api.ChangedRange> ranges = changes.ranges();
            int i = 0;
            do {
                message.clearRanges();
                for (int end = Math.min(ranges.size(), i + RANGES_PER_MESSAGE); i < end; i++) {
                    message.addRanges(ChangedRange.newBuilder()
                            .setStart(ranges.get(i).start())
                            .setEnd(ranges.get(i).end()));
                }
            } while (sender.send(message.build()) && i < ranges.size());
        } catch (ApiException e) {
            sender.send(message.clearRanges().setStat(Proto.status(e)).build());
        } catch (StoreException e) {
            sender.send(message.clearRanges()
                    .setStat(Proto.status(ApiException.of(e)))
                    .build());
        }
        sender.complete();
    }
}
