// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.api.Changes;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transport hook of {@link QuerySuite}: one implementation per API (REST here; the binary APIs add theirs), so
 * every transport answers the same queries over the same data with the same access rules. Times are ns; a null key
 * means an anonymous caller. A transport that lacks an {@link Operation} says so in {@link #supports}; the suite then
 * skips the tests that need it. Refusals other than a missing stream are {@link Refused} with a transport-neutral
 * {@link ErrorKind}.
 */
public interface QueryTransport {

    /** Operations beyond plain queries at the latest version, which not every API offers. */
    enum Operation {
        /** The stream's current version. */
        VERSION,
        /** Raw points at an older version. */
        RAW_AT_VERSION,
        /** Changed ranges between two versions. */
        CHANGES,
        /** Deleting a time range. */
        DELETE,
        /** Inserting points. */
        INSERT
    }

    /** Why a request was refused, in terms every transport can map its status onto. */
    enum ErrorKind {
        NO_SUCH_STREAM,
        INVALID_RANGE,
        INVALID_POINT_WIDTH,
        INVALID_VERSIONS,
        NOT_ALLOWED,
        OTHER
    }

    /** Thrown when a request is refused for a reason other than a missing stream. */
    final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final ErrorKind kind;

        public Refused(ErrorKind kind, String message) {
            super(kind + ": " + message);
            this.kind = kind;
        }

        public ErrorKind kind() {
            return kind;
        }
    }

    /** Thrown when the stream does not exist for the caller (missing, or hidden by access control). */
    final class NoSuchStream extends Exception {

        private static final long serialVersionUID = 1L;

        public NoSuchStream(String message) {
            super(message);
        }
    }

    List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception;

    List<StatPoint> aligned(String key, UUID uuid, long start, long end, int pw) throws Exception;

    List<StatPoint> windows(String key, UUID uuid, long start, long end, long width) throws Exception;

    /** The nearest point, or empty when there is none in that direction. */
    Optional<RawPoint> nearest(String key, UUID uuid, long time, boolean backward) throws Exception;

    /** First and last point time of a stream, or empty when the stream does not exist for the caller. */
    Optional<long[]> bracket(String key, UUID uuid) throws Exception;

    boolean supports(Operation operation);

    /**
     * How this transport reports a refusal of the given kind: itself unless its protocol lumps kinds together (capnp
     * 3.x sends {@code internalError} for nearly everything).
     */
    default ErrorKind reported(ErrorKind kind) {
        return kind;
    }

    /** The stream's latest committed (major) version. */
    long version(String key, UUID uuid) throws Exception;

    /** Raw points at the given major version (0 = latest). */
    List<RawPoint> raw(String key, UUID uuid, long start, long end, long version) throws Exception;

    /** Ranges changed after {@code fromVersion} up to and including {@code toVersion}, and the version used. */
    Changes changes(String key, UUID uuid, long fromVersion, long toVersion, int resolution) throws Exception;

    /** Deletes {@code [start, end)}. */
    void delete(String key, UUID uuid, long start, long end) throws Exception;

    /** Inserts the points and makes them durable and visible. */
    void insert(String key, UUID uuid, List<RawPoint> points) throws Exception;
}
