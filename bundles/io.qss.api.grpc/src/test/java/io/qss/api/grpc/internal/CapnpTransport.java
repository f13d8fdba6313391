// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QueryTransport;
import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link QueryTransport} over capnp 3.x (§3 of the API description): queryStandardValues (with version),
 * queryStatisticalValues, queryWindowValues (depth 0), queryNearestValue, a bracket from two nearest queries,
 * queryVersion, queryChangedRanges, deleteValues and insertValues (sync). 3.x answers a missing stream, and any
 * other failure, with {@code internalError} (it never sends {@code noSuchStreamOrVersion}), so both are
 * {@link NoSuchStream} and every refusal is {@link #reported reported} as one. capnp carries no credentials: a null
 * key goes to the anonymous listener, a known key to the listener configured with it.
 */
final class CapnpTransport implements QueryTransport {

    private static final int RAW = 1;
    private static final int STATISTICAL = 2;
    private static final int NEAREST = 4;
    private static final int CHANGES = 5;
    private static final int DELETE = 7;
    private static final int WINDOWS = 8;

    private final int anonymousPort;
    private final Map<String, Integer> keyedPorts;
    private final AtomicLong echoTags = new AtomicLong();

    /** @param keyedPorts per key, the port of a listener whose {@code capnpKey} is that key */
    CapnpTransport(int anonymousPort, Map<String, Integer> keyedPorts) {
        this.anonymousPort = anonymousPort;
        this.keyedPorts = Map.copyOf(keyedPorts);
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public ErrorKind reported(ErrorKind kind) {
        return ErrorKind.NO_SUCH_STREAM;
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception {
        return raw(key, uuid, start, end, 0);
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end, long version) throws Exception {
        List<RawPoint> points = new ArrayList<>();
        for (CapnpMessage.Struct record : query(key, RAW, uuid, version, start, end)) {
            points.add(new RawPoint(record.int64(0), Double.longBitsToDouble(record.int64(8))));
        }
        return points;
    }

    @Override
    public List<StatPoint> aligned(String key, UUID uuid, long start, long end, int pw) throws Exception {
        return stats(query(key, STATISTICAL, uuid, 0, start, end, pw));
    }

    @Override
    public List<StatPoint> windows(String key, UUID uuid, long start, long end, long width) throws Exception {
        return stats(query(key, WINDOWS, uuid, 0, start, end, width, 0));
    }

    @Override
    public Optional<RawPoint> nearest(String key, UUID uuid, long time, boolean backward) throws Exception {
        List<CapnpMessage.Struct> records = query(key, NEAREST, uuid, 0, time, backward ? 1 : 0);
        if (records == null) {
            return Optional.empty();
        }
        CapnpMessage.Struct record = records.get(0);
        return Optional.of(new RawPoint(record.int64(0), Double.longBitsToDouble(record.int64(8))));
    }

    @Override
    public Optional<long[]> bracket(String key, UUID uuid) throws Exception {
        return Bracket.of(this, key, uuid);
    }

    @Override
    public long version(String key, UUID uuid) throws Exception {
        long echo = echoTags.incrementAndGet();
        return CapnpRequests.firstVersion(
                exchange(key, echo, CapnpRequests.version(echo, uuid)).get(0));
    }

    @Override
    public Changes changes(String key, UUID uuid, long fromVersion, long toVersion, int resolution) throws Exception {
        long echo = echoTags.incrementAndGet();
        CapnpMessage.Struct ranges = root(exchange(
                                key,
                                echo,
                                CapnpRequests.frame(
                                        echo, CHANGES, new long[] {fromVersion, toVersion, 0, resolution}, uuid))
                        .get(0))
                .struct(0);
        List<ChangedRange> out = new ArrayList<>();
        for (CapnpMessage.Struct r : ranges.structList(0)) {
            out.add(new ChangedRange(r.int64(0), r.int64(8)));
        }
        return new Changes(ranges.int64(0), out);
    }

    @Override
    public void delete(String key, UUID uuid, long start, long end) throws Exception {
        long echo = echoTags.incrementAndGet();
        exchange(key, echo, CapnpRequests.frame(echo, DELETE, new long[] {start, end}, uuid));
    }

    @Override
    public void insert(String key, UUID uuid, List<RawPoint> points) throws Exception {
        long echo = echoTags.incrementAndGet();
        List<long[]> records = points.stream()
                .map(p -> new long[] {p.time(), Double.doubleToRawLongBits(p.value())})
                .toList();
        exchange(key, echo, CapnpRequests.insert(echo, uuid, records, true));
    }

    private static List<StatPoint> stats(List<CapnpMessage.Struct> records) {
        List<StatPoint> points = new ArrayList<>();
        for (CapnpMessage.Struct r : records) {
            points.add(new StatPoint(
                    r.int64(0),
                    Double.longBitsToDouble(r.int64(16)),
                    Double.longBitsToDouble(r.int64(24)),
                    Double.longBitsToDouble(r.int64(32)),
                    r.int64(8)));
        }
        return points;
    }

    /**
     * Sends one query and gathers the records of every answer up to the final one; null when the answer is
     * {@code noSuchPoint}.
     */
    private List<CapnpMessage.Struct> query(String caller, int command, UUID uuid, long... data) throws Exception {
        long echo = echoTags.incrementAndGet();
        List<byte[]> frames = exchange(caller, echo, CapnpRequests.frame(echo, command, data, uuid));
        if (frames == null) {
            return null;
        }
        List<CapnpMessage.Struct> records = new ArrayList<>();
        for (byte[] frame : frames) {
            records.addAll(root(frame).struct(0).structList(0));
        }
        return records;
    }

    /**
     * Sends one request on a new connection and returns every answer frame up to the final one; null when the
     * answer is {@code noSuchPoint}.
     */
    private List<byte[]> exchange(String caller, long echo, byte[] request) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (CapnpWire wire = new CapnpWire(port(caller))) {
            wire.send(CapnpWire.hexOf(request));
            while (true) {
                byte[] frame = wire.receive();
                CapnpMessage.Struct response = root(frame);
                if (response.int64(0) != echo) {
                    throw new AssertionError("answer to another request [echoTag=" + response.int64(0) + "]");
                }
                int status = response.uint16(8);
                if (status == CapnpResponse.INTERNAL_ERROR || status == CapnpResponse.NO_SUCH_STREAM_OR_VERSION) {
                    throw new NoSuchStream("capnp status " + status + " [uuid or request failed]");
                }
                if (status == CapnpResponse.NO_SUCH_POINT) {
                    return null;
                }
                if (status != CapnpResponse.OK) {
                    throw new Refused(ErrorKind.OTHER, "capnp status " + status);
                }
                frames.add(frame);
                if (response.bit(80)) {
                    return frames;
                }
            }
        }
    }

    private static CapnpMessage.Struct root(byte[] frame) {
        return new CapnpMessage(new ByteBuffer[] {
                    ByteBuffer.wrap(frame, 8, frame.length - 8).slice().order(ByteOrder.LITTLE_ENDIAN)
                })
                .root();
    }

    private int port(String caller) {
        if (caller == null) {
            return anonymousPort;
        }
        Integer port = keyedPorts.get(caller);
        if (port == null) {
            throw new IllegalArgumentException("no capnp listener has this key's rights");
        }
        return port;
    }
}
