// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Records of the metadata log {@code meta.log}: stream properties, superblocks (one per commit, with its commit time
 * since format 3), obliterations and expiries of old versions. On open the log is replayed in order; for each stream
 * the newest properties and all superblocks count (a later superblock of the same version replaces the earlier:
 * compaction moves trees; one below the newest version does not become the head).
 */
public sealed interface MetaRecord {

    int PROPS = 1;
    int SUPERBLOCK = 2;
    int OBLITERATE = 3;
    int EXPIRE = 4;
    /** A superblock followed by its commit time (format 3); {@link #SUPERBLOCK} stays for versions without one. */
    int TIMED_SUPERBLOCK = 5;

    UUID stream();

    void encode(ByteSink out);

    /** Collection, tags and annotations at a property version; the first one for a UUID creates the stream. */
    record Props(
            UUID stream,
            long propertyVersion,
            String collection,
            Map<String, String> tags,
            Map<String, String> annotations)
            implements MetaRecord {
        @Override
        public void encode(ByteSink out) {
            out.putByte(PROPS);
            putUuid(out, stream);
            out.putVarLong(propertyVersion);
            putString(out, collection);
            putMap(out, tags);
            putMap(out, annotations);
        }
    }

    /**
     * A committed version: its root block, point count, the last write-ahead-log sequence number it contains, the
     * stream's total tree bytes so far and when it was committed (wall clock, ms since the epoch; {@link
     * #TIME_UNKNOWN} for versions written before format 3, which recorded none).
     */
    record Superblock(
            UUID stream, long version, long rootAddress, long count, long walSeq, long treeBytes, long commitMillis)
            implements MetaRecord {

        /** {@link #commitMillis} of a version whose commit time was never recorded. */
        public static final long TIME_UNKNOWN = 0;

        /** A superblock without a commit time. */
        public Superblock(UUID stream, long version, long rootAddress, long count, long walSeq, long treeBytes) {
            this(stream, version, rootAddress, count, walSeq, treeBytes, TIME_UNKNOWN);
        }

        public Superblock {
            // a clock at or before the epoch cannot be told from "unknown"; such a time is not recorded
            commitMillis = Math.max(TIME_UNKNOWN, commitMillis);
        }

        public boolean hasCommitTime() {
            return commitMillis != TIME_UNKNOWN;
        }

        /** The same version with its tree at another root (compaction moved it); the commit time stays. */
        public Superblock withRoot(long newRoot) {
            return new Superblock(stream, version, newRoot, count, walSeq, treeBytes, commitMillis);
        }

        @Override
        public void encode(ByteSink out) {
            out.putByte(hasCommitTime() ? TIMED_SUPERBLOCK : SUPERBLOCK);
            putUuid(out, stream);
            out.putVarLong(version);
            out.putVarLong(rootAddress);
            out.putVarLong(count);
            out.putVarLong(walSeq);
            out.putVarLong(treeBytes);
            if (hasCommitTime()) {
                out.putVarLong(commitMillis);
            }
        }
    }

    record Obliterate(UUID stream) implements MetaRecord {
        @Override
        public void encode(ByteSink out) {
            out.putByte(OBLITERATE);
            putUuid(out, stream);
        }
    }

    /** Versions of a stream below {@code oldestKept} are gone (retention); written before their blocks are freed. */
    record Expire(UUID stream, long oldestKept) implements MetaRecord {
        @Override
        public void encode(ByteSink out) {
            out.putByte(EXPIRE);
            putUuid(out, stream);
            out.putVarLong(oldestKept);
        }
    }

    static MetaRecord decode(ByteSource in) {
        int type = in.getByte();
        return switch (type) {
            case PROPS -> new Props(getUuid(in), in.getVarLong(), getString(in), getMap(in), getMap(in));
            case SUPERBLOCK ->
                new Superblock(
                        getUuid(in),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong());
            case TIMED_SUPERBLOCK ->
                new Superblock(
                        getUuid(in),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong(),
                        in.getVarLong());
            case OBLITERATE -> new Obliterate(getUuid(in));
            case EXPIRE -> new Expire(getUuid(in), in.getVarLong());
            default -> throw new IllegalArgumentException("unknown metadata record type [type=" + type + "]");
        };
    }

    private static void putUuid(ByteSink out, UUID uuid) {
        out.putLong(uuid.getMostSignificantBits());
        out.putLong(uuid.getLeastSignificantBits());
    }

    private static UUID getUuid(ByteSource in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static void putString(ByteSink out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.putVarLong(bytes.length);
        out.putBytes(bytes, 0, bytes.length);
    }

    private static String getString(ByteSource in) {
        return new String(in.getBytes(in.getVarInt(1 << 20)), StandardCharsets.UTF_8);
    }

    /**
     * Entries in key order: a map's own order may differ between JVMs for the same entries ({@link Map#copyOf}), and
     * the same writes must give byte-equal metadata and checkpoints. Decoding takes any order (older stores).
     */
    private static void putMap(ByteSink out, Map<String, String> map) {
        out.putVarLong(map.size());
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            putString(out, e.getKey());
            putString(out, e.getValue());
        }
    }

    private static Map<String, String> getMap(ByteSource in) {
        int n = in.getVarInt(1 << 16);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(getString(in), getString(in));
        }
        return map;
    }
}
