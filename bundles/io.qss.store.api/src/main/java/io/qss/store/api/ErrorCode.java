// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * Why a store operation failed. {@link #btrdbCode()} is the matching BTrDB 4.x/v5 error code, so API bundles can
 * pass it on unchanged.
 */
public enum ErrorCode {
    /** No point matches (nearest in an empty direction). */
    NO_SUCH_POINT(401),
    /** The stream does not exist (never created, or obliterated). */
    NO_SUCH_STREAM(404),
    /** A stream with this UUID already exists. */
    STREAM_EXISTS(406),
    /** The collection is empty, longer than 255 bytes or contains NUL. */
    INVALID_COLLECTION(407),
    /** A tag or annotation key does not match {@code [a-z][a-z0-9_.]*} or is 64 bytes or longer. */
    INVALID_TAG_KEY(408),
    /** A tag value is empty, longer than 255 bytes or contains NUL. */
    INVALID_TAG_VALUE(409),
    /** A time lies outside [-(16<<56), 48<<56), or a range has start >= end. */
    INVALID_TIME_RANGE(413),
    /** An insert holds more points than the configured limit. */
    INSERT_TOO_BIG(414),
    /** A point width outside 0..63. */
    INVALID_POINT_WIDTH(415),
    /** Arguments are inconsistent (array lengths, offsets, window width). */
    WRONG_ARGS(421),
    /** Annotation values are too long or too many. */
    ANNOTATION_TOO_BIG(422),
    /** The expected property version is not the current one (compare-and-set failed). */
    ANNOTATION_VERSION_MISMATCH(423),
    /** A value is NaN or infinite. */
    BAD_VALUE(425),
    /** The data volume is too full to accept more data. */
    RESOURCE_DEPLETED(426),
    /** A version range is inverted (from > to). */
    INVALID_VERSIONS(427),
    /** The UUID belonged to an obliterated stream and cannot be reused. */
    REUSED_UUID(429),
    /** The write-ahead log could not be written or synced. */
    JOURNAL_ERROR(434),
    /** The requested version does not exist for this stream. */
    VERSION_NOT_AVAILABLE(450),
    /** A block or log record failed its checksum or could not be decoded; the message names file and offset. */
    CORRUPT_DATA(500),
    /** Reading or writing a store file failed. */
    IO_ERROR(416),
    /** The store is closed or was opened with an unsupported format. */
    UNAVAILABLE(416);

    private final int btrdbCode;

    ErrorCode(int btrdbCode) {
        this.btrdbCode = btrdbCode;
    }

    /** The BTrDB error code with the same meaning (416 GenericError where BTrDB has none). */
    public int btrdbCode() {
        return btrdbCode;
    }
}
