// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import com.google.protobuf.ByteString;
import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Looks streams up on behalf of the current caller: a stream the caller may not read does not exist for it (404,
 * exactly as a missing stream); a write needs a caller that may write the stream (437 otherwise).
 */
final class Streams {

    private final TimeSeriesStore store;
    private final AccessControl access;

    Streams(TimeSeriesStore store, AccessControl access) {
        this.store = store;
        this.access = access;
    }

    TimeSeriesStore store() {
        return store;
    }

    AccessControl access() {
        return access;
    }

    Caller caller() {
        return Callers.current(access);
    }

    static UUID uuid(ByteString bytes) throws ApiException {
        if (bytes.size() != 16) {
            throw new ApiException(ApiException.WRONG_ARGS, "malformed uuid [bytes=" + bytes.size() + "]");
        }
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    static ByteString bytes(UUID uuid) {
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .flip());
    }

    static String path(StreamInfo info) {
        return AccessControl.streamPath(info.collection(), info.tags(), info.uuid());
    }

    boolean mayRead(StreamInfo info) {
        return access.mayRead(caller(), path(info));
    }

    /** The stream, if it exists and the caller may read it. */
    StreamInfo readable(UUID uuid) throws ApiException {
        StreamInfo info = store.stream(uuid).orElse(null);
        if (info == null || !mayRead(info)) {
            throw new ApiException(ApiException.NO_SUCH_STREAM, "stream does not exist [uuid=" + uuid + "]");
        }
        return info;
    }

    /** The stream, if it exists and the caller may write it. */
    StreamInfo writable(UUID uuid) throws ApiException {
        StreamInfo info = readable(uuid);
        requireWrite(path(info));
        return info;
    }

    void requireWrite(String path) throws ApiException {
        Caller caller = caller();
        if (!access.mayWrite(caller, path)) {
            throw new ApiException(
                    ApiException.UNAUTHORIZED,
                    "not allowed to write [caller=" + caller.name() + ", path=" + path + "]");
        }
    }

    /** The version a query at {@code requested} answers: latest (with buffered count) or the pinned one. */
    Version versionFor(UUID uuid, long requested) throws ApiException {
        if (requested != Version.LATEST) {
            return new Version(requested, 0);
        }
        try {
            return store.version(uuid);
        } catch (StoreException e) {
            throw ApiException.of(e);
        }
    }
}
