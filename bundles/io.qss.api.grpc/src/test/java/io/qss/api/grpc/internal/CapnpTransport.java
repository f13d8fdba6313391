// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QueryTransport;
import io.qss.store.RawPoint;
import io.qss.store.StatPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link QueryTransport} over capnp 3.x (§3 of the API description): queryStandardValues, queryStatisticalValues,
 * queryWindowValues (depth 0), queryNearestValue, and a bracket from two nearest queries. 3.x answers a missing
 * stream with {@code internalError} (it never sends {@code noSuchStreamOrVersion}), so both are
 * {@link NoSuchStream}. capnp carries no credentials: a null key goes to the anonymous listener, the one key this
 * transport knows to the listener configured with it.
 */
final class CapnpTransport implements QueryTransport {

    private static final int RAW = 1;
    private static final int STATISTICAL = 2;
    private static final int NEAREST = 4;
    private static final int WINDOWS = 8;

    private final int anonymousPort;
    private final String key;
    private final int keyedPort;
    private final AtomicLong echoTags = new AtomicLong();

    /** @param keyedPort the port of a listener whose {@code capnpKey} is {@code key} */
    CapnpTransport(int anonymousPort, String key, int keyedPort) {
        this.anonymousPort = anonymousPort;
        this.key = key;
        this.keyedPort = keyedPort;
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception {
        List<RawPoint> points = new ArrayList<>();
        for (CapnpMessage.Struct record : query(key, RAW, uuid, 0, start, end)) {
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

    private static List<StatPoint> stats(List<CapnpMessage.Struct> records) {
        List<StatPoint> points = new ArrayList<>();
        for (CapnpMessage.Struct r : records) {
            points.add(new StatPoint(r.int64(0), Double.longBitsToDouble(r.int64(16)),
                    Double.longBitsToDouble(r.int64(24)), Double.longBitsToDouble(r.int64(32)), r.int64(8)));
        }
        return points;
    }

    /**
     * Sends one request on a new connection and gathers the records of every answer up to the final one; null when
     * the answer is {@code noSuchPoint}.
     */
    private List<CapnpMessage.Struct> query(String caller, int command, UUID uuid, long... data) throws Exception {
        long echo = echoTags.incrementAndGet();
        List<CapnpMessage.Struct> records = new ArrayList<>();
        try (CapnpWire wire = new CapnpWire(port(caller))) {
            wire.send(CapnpWire.hexOf(CapnpRequests.frame(echo, command, data, uuid)));
            while (true) {
                byte[] frame = wire.receive();
                CapnpMessage.Struct response = new CapnpMessage(new ByteBuffer[] {
                        ByteBuffer.wrap(frame, 8, frame.length - 8).slice().order(ByteOrder.LITTLE_ENDIAN)}).root();
                if (response.int64(0) != echo) {
                    throw new AssertionError("answer to another request [echoTag=" + response.int64(0) + "]");
                }
                int status = response.uint16(8);
                if (status == CapnpResponse.INTERNAL_ERROR || status == CapnpResponse.NO_SUCH_STREAM_OR_VERSION) {
                    throw new NoSuchStream("capnp status " + status + " [uuid=" + uuid + "]");
                }
                if (status == CapnpResponse.NO_SUCH_POINT) {
                    return null;
                }
                if (status != CapnpResponse.OK) {
                    throw new AssertionError("capnp query failed [status=" + status + "]");
                }
                records.addAll(response.struct(0).structList(0));
                if (response.bit(80)) {
                    return records;
                }
            }
        }
    }

    private int port(String caller) {
        if (caller == null) {
            return anonymousPort;
        }
        if (caller.equals(key)) {
            return keyedPort;
        }
        throw new IllegalArgumentException("no capnp listener has this key's rights");
    }
}
