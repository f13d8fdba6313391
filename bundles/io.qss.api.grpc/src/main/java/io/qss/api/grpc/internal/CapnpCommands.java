// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.auth.Caller;
import io.qss.store.api.Changes;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The eight 3.x commands on the store, as BTrDB 3.x answers them: queries stream chunks of {@value #CHUNK} records,
 * the last one {@code final}; a missing stream or a failure is {@code internalError}; inserts drop NaN, infinite and
 * out-of-range points and create an unknown stream in the configured collection, named by its UUID. Callers are
 * anonymous, or the caller of the configured capnp key (the protocol carries no credentials).
 */
final class CapnpCommands {

    static final int CHUNK = 4096;

    private final Streams streams;
    private final TimeSeriesStore store;
    private final CapnpSettings settings;

    CapnpCommands(Streams streams, CapnpSettings settings) {
        this.streams = streams;
        this.store = streams.store();
        this.settings = settings;
    }

    /** Runs one request; {@code out} receives each framed response (it blocks while the client is slow). */
    void execute(CapnpMessage message, Consumer<byte[]> out) {
        CapnpMessage.Struct request = message.root();
        if (request == null) {
            return;
        }
        long echo = request.int64(0);
        int command = request.uint16(8);
        CapnpMessage.Struct p = request.struct(0);
        try {
            if (p == null && command != 0) {
                throw new ApiException(ApiException.WRONG_ARGS, "capnp request without parameters");
            }
            asCaller(() -> dispatch(echo, command, p, out));
        } catch (ApiException e) {
            int status = e.code() == ApiException.NO_SUCH_POINT
                    ? CapnpResponse.NO_SUCH_POINT
                    : e.code() == ApiException.WRONG_ARGS
                            ? CapnpResponse.INVALID_PARAMETER
                            : CapnpResponse.INTERNAL_ERROR;
            out.accept(CapnpResponse.status(echo, status, true));
        }
    }

    private interface Call {
        void run() throws ApiException;
    }

    private void asCaller(Call call) throws ApiException {
        Caller caller = settings.key().isEmpty()
                ? streams.access().anonymous()
                : streams.access()
                        .apiKey(settings.key())
                        .orElse(streams.access().anonymous());
        try {
            io.grpc.Context.current().withValue(Callers.CALLER, caller).call(() -> {
                call.run();
                return null;
            });
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(ApiException.GENERIC_ERROR, "capnp request failed", e);
        }
    }

    private void dispatch(long echo, int command, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException {
        try {
            switch (command) {
                case 1 -> raw(echo, p, out);
                case 2 -> stats(echo, p, out, false);
                case 3 -> versions(echo, p, out);
                case 4 -> nearest(echo, p, out);
                case 5 -> changes(echo, p, out);
                case 6 -> insert(echo, p, out);
                case 7 -> delete(echo, p, out);
                case 8 -> stats(echo, p, out, true);
                default ->
                    throw new ApiException(ApiException.WRONG_ARGS, "unknown capnp command [tag=" + command + "]");
            }
        } catch (StoreException e) {
            throw ApiException.of(e);
        }
    }

    private static UUID uuid(byte[] bytes) throws ApiException {
        if (bytes == null || bytes.length != 16) {
            throw new ApiException(ApiException.WRONG_ARGS, "malformed uuid");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private void raw(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        streams.readable(uuid);
        long version = p.int64(0);
        Chunks chunks = new Chunks(
                echo, CapnpResponse.RECORDS, streams.versionFor(uuid, version).major(), 2, out);
        store.rawValues(uuid, p.int64(8), p.int64(16), version, (times, values, from, to) -> {
            for (int i = from; i < to; i++) {
                chunks.add(times[i], Double.doubleToRawLongBits(values[i]));
            }
            return true;
        });
        chunks.finish();
    }

    private void stats(long echo, CapnpMessage.Struct p, Consumer<byte[]> out, boolean isWindows)
            throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        streams.readable(uuid);
        long version = p.int64(0);
        Chunks chunks = new Chunks(
                echo,
                CapnpResponse.STATISTICAL_RECORDS,
                streams.versionFor(uuid, version).major(),
                5,
                out);
        io.qss.store.api.StatConsumer consumer = (time, min, mean, max, count) -> {
            chunks.add(
                    time,
                    count,
                    Double.doubleToRawLongBits(min),
                    Double.doubleToRawLongBits(mean),
                    Double.doubleToRawLongBits(max));
            return true;
        };
        if (isWindows) {
            store.windows(uuid, p.int64(8), p.int64(16), p.int64(24), p.uint8(32), version, consumer);
        } else {
            store.alignedWindows(uuid, p.int64(8), p.int64(16), p.uint8(24), version, consumer);
        }
        chunks.finish();
    }

    private void versions(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        List<byte[]> uuids = p.dataList(0);
        long[] versions = new long[uuids.size()];
        for (int i = 0; i < versions.length; i++) {
            UUID uuid = uuid(uuids.get(i));
            streams.readable(uuid);
            versions[i] = store.version(uuid).major();
        }
        out.accept(CapnpResponse.versions(echo, uuids, versions));
    }

    private void nearest(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        streams.readable(uuid);
        long version = p.int64(0);
        long used = streams.versionFor(uuid, version).major();
        io.qss.store.api.RawPoint point = store.nearest(uuid, p.int64(8), p.bit(128), version)
                .orElseThrow(() -> new ApiException(ApiException.NO_SUCH_POINT, "no such point"));
        out.accept(CapnpResponse.list(
                echo,
                true,
                CapnpResponse.RECORDS,
                used,
                new long[] {point.time(), Double.doubleToRawLongBits(point.value())},
                1,
                2));
    }

    private void changes(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        streams.readable(uuid);
        Changes changes = store.changes(uuid, Math.max(1, p.int64(0)), p.int64(8), p.uint8(24));
        long[] words = new long[changes.ranges().size() * 2];
        for (int i = 0; i < changes.ranges().size(); i++) {
            words[2 * i] = changes.ranges().get(i).start();
            words[2 * i + 1] = changes.ranges().get(i).end();
        }
        out.accept(CapnpResponse.list(
                echo,
                true,
                CapnpResponse.CHANGED_RANGES,
                changes.version(),
                words,
                changes.ranges().size(),
                2));
    }

    private void insert(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        List<CapnpMessage.Struct> records = p.structList(1);
        long[] times = new long[records.size()];
        double[] values = new double[records.size()];
        int n = 0;
        for (CapnpMessage.Struct record : records) {
            long time = record.int64(0);
            double value = Double.longBitsToDouble(record.int64(8));
            if (Double.isFinite(value) && time > TimeSeriesStore.MIN_TIME && time < TimeSeriesStore.MAX_TIME) {
                times[n] = time;
                values[n++] = value;
            }
        }
        if (n > 0) {
            ensureWritable(uuid);
            store.insert(uuid, times, values, 0, n, MergePolicy.NEVER);
            if (p.bit(0)) {
                store.flush(uuid);
            }
        }
        out.accept(CapnpResponse.status(echo, CapnpResponse.OK, true));
    }

    /** 3.x creates a stream at its first insert; here in the configured collection, if the caller may write there. */
    private void ensureWritable(UUID uuid) throws ApiException, StoreException {
        if (store.stream(uuid).isPresent()) {
            streams.writable(uuid);
            return;
        }
        streams.requireWrite("/" + settings.insertCollection() + "/" + uuid);
        try {
            store.create(uuid, settings.insertCollection(), Map.of(), Map.of());
        } catch (StoreException e) {
            if (store.stream(uuid).isEmpty()) {
                throw e;
            }
        }
    }

    private void delete(long echo, CapnpMessage.Struct p, Consumer<byte[]> out) throws ApiException, StoreException {
        UUID uuid = uuid(p.data(0));
        streams.writable(uuid);
        store.delete(uuid, p.int64(0), p.int64(8));
        out.accept(CapnpResponse.status(echo, CapnpResponse.OK, true));
    }

    /** Collects elements into chunks of {@value #CHUNK}; a full chunk is sent when the next element arrives. */
    private static final class Chunks {

        private final long echo;
        private final int union;
        private final long version;
        private final int width;
        private final Consumer<byte[]> out;
        private final long[] words;
        private int n;

        Chunks(long echo, int union, long version, int width, Consumer<byte[]> out) {
            this.echo = echo;
            this.union = union;
            this.version = version;
            this.width = width;
            this.out = out;
            this.words = new long[CHUNK * width];
        }

        void add(long... element) {
            if (n == CHUNK) {
                out.accept(CapnpResponse.list(echo, false, union, version, words, n, width));
                n = 0;
            }
            System.arraycopy(element, 0, words, n * width, width);
            n++;
        }

        void finish() {
            out.accept(CapnpResponse.list(echo, true, union, version, words, n, width));
        }
    }
}
