// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.Version;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.MetaRecord;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams and their metadata (collection, tags, annotations, property version). Every change is durable in
 * the metadata log before it becomes visible. Thread-safe: creation and obliteration are serialised on the
 * catalog; property changes on the stream's write lock.
 */
final class StreamCatalog {

    private final Map<UUID, StreamState> streams = new ConcurrentHashMap<>();
    private final Set<UUID> obliterated = ConcurrentHashMap.newKeySet();
    private final BufferBudget budget;
    /** Per stream, the oldest version retention keeps (absent: every version since creation). */
    private final Map<UUID, Long> oldestKept = new ConcurrentHashMap<>();

    private MetaLog meta;

    StreamCatalog() {
        this(BufferBudget.unlimited());
    }

    /** Streams whose buffers count against {@code budget}. */
    StreamCatalog(BufferBudget budget) {
        this.budget = budget;
    }

    void attach(MetaLog log) {
        this.meta = log;
    }

    /** Applies one replayed metadata record. */
    void replay(MetaRecord record) {
        if (record instanceof MetaRecord.Props p) {
            StreamState s = streams.get(p.stream());
            StreamInfo info =
                    new StreamInfo(p.stream(), p.collection(), p.tags(), p.annotations(), p.propertyVersion());
            if (s == null) {
                streams.put(p.stream(), new StreamState(p.stream(), info, initialSuperblock(p.stream()), budget));
            } else {
                s.info = info;
            }
        } else if (record instanceof MetaRecord.Superblock sb) {
            StreamState s = streams.get(sb.stream());
            if (s != null) {
                s.committed(sb);
            }
        } else if (record instanceof MetaRecord.Obliterate o) {
            streams.remove(o.stream());
            oldestKept.remove(o.stream());
            obliterated.add(o.stream());
        } else if (record instanceof MetaRecord.Expire e) {
            StreamState s = streams.get(e.stream());
            if (s != null) {
                expired(s, e.oldestKept());
            }
        }
    }

    /**
     * Drops from memory the versions a metadata checkpoint moved into its version runs (they are looked up there
     * on demand), keeping each stream's initial version, which has no superblock record.
     */
    void prune(Map<UUID, Long> newestInRuns) {
        for (Map.Entry<UUID, Long> e : newestInRuns.entrySet()) {
            StreamState s = streams.get(e.getKey());
            if (s != null && e.getValue() > Version.FIRST) {
                s.versions.subMap(Version.FIRST, false, e.getValue(), true).clear();
            }
        }
    }

    /** The oldest version of a stream that retention keeps. */
    long oldestKept(UUID uuid) {
        return oldestKept.getOrDefault(uuid, Version.FIRST);
    }

    /** Forgets the versions below {@code oldest} (their record is durable already). */
    void expired(StreamState s, long oldest) {
        oldestKept.merge(s.uuid, oldest, Math::max);
        s.versions.headMap(oldest, false).clear();
    }

    static Superblock initialSuperblock(UUID uuid) {
        return new Superblock(uuid, Version.FIRST, 0, 0, 0, 0);
    }

    Collection<StreamState> all() {
        return streams.values();
    }

    StreamState get(UUID uuid) {
        return streams.get(uuid);
    }

    StreamState require(UUID uuid) throws StoreException {
        StreamState s = uuid == null ? null : streams.get(uuid);
        if (s == null) {
            throw new StoreException(ErrorCode.NO_SUCH_STREAM, "stream does not exist [stream=" + uuid + "]");
        }
        return s;
    }

    synchronized StreamInfo create(
            UUID uuid, String collection, Map<String, String> tags, Map<String, String> annotations)
            throws StoreException {
        Validation.collection(collection);
        Validation.tags(tags);
        Validation.annotations(annotations);
        if (streams.containsKey(uuid)) {
            throw new StoreException(ErrorCode.STREAM_EXISTS, "stream already exists [stream=" + uuid + "]");
        }
        if (obliterated.contains(uuid)) {
            throw new StoreException(ErrorCode.REUSED_UUID, "uuid of an obliterated stream [stream=" + uuid + "]");
        }
        MetaRecord.Props props = new MetaRecord.Props(uuid, 0, collection, tags, annotations);
        meta.appendDurably(props);
        StreamInfo info = new StreamInfo(uuid, collection, tags, annotations, 0);
        streams.put(uuid, new StreamState(uuid, info, initialSuperblock(uuid), budget));
        return info;
    }

    List<StreamInfo> lookup(
            String collection, boolean isPrefix, Map<String, String> tags, Map<String, String> annotations) {
        return streams.values().stream()
                .map(s -> s.info)
                .filter(i -> collection == null
                        || (isPrefix
                                ? i.collection().startsWith(collection)
                                : i.collection().equals(collection)))
                .filter(i -> matches(i.tags(), tags) && matches(i.annotations(), annotations))
                .sorted(Comparator.comparing(StreamInfo::collection).thenComparing(StreamInfo::uuid))
                .toList();
    }

    private static boolean matches(Map<String, String> have, Map<String, String> want) {
        if (want == null) {
            return true;
        }
        for (Map.Entry<String, String> e : want.entrySet()) {
            String v = have.get(e.getKey());
            if (v == null || (e.getValue() != null && !e.getValue().equals(v))) {
                return false;
            }
        }
        return true;
    }

    List<String> listCollections(String prefix) {
        String p = prefix == null ? "" : prefix;
        TreeSet<String> out = new TreeSet<>();
        for (StreamState s : streams.values()) {
            if (s.info.collection().startsWith(p)) {
                out.add(s.info.collection());
            }
        }
        return List.copyOf(out);
    }

    long updateProperties(
            UUID uuid,
            long expected,
            String collection,
            Map<String, String> tagChanges,
            Collection<String> tagRemovals,
            Map<String, String> annChanges,
            Collection<String> annRemovals)
            throws StoreException {
        StreamState s = require(uuid);
        s.writeLock.lock();
        try {
            s.requireLive();
            StreamInfo cur = s.info;
            if (cur.propertyVersion() != expected) {
                throw new StoreException(
                        ErrorCode.ANNOTATION_VERSION_MISMATCH,
                        "property version mismatch [stream=" + uuid + ", expected=" + expected + ", current="
                                + cur.propertyVersion() + "]");
            }
            String coll = collection == null ? cur.collection() : collection;
            Map<String, String> tags = apply(cur.tags(), tagChanges, tagRemovals);
            Map<String, String> anns = apply(cur.annotations(), annChanges, annRemovals);
            Validation.collection(coll);
            Validation.tags(tags);
            Validation.annotations(anns);
            long next = expected + 1;
            meta.appendDurably(new MetaRecord.Props(uuid, next, coll, tags, anns));
            s.info = new StreamInfo(uuid, coll, tags, anns, next);
            return next;
        } finally {
            s.writeLock.unlock();
        }
    }

    private static Map<String, String> apply(
            Map<String, String> base, Map<String, String> changes, Collection<String> removals) {
        Map<String, String> out = new HashMap<>(base);
        if (removals != null) {
            removals.forEach(out::remove);
        }
        if (changes != null) {
            out.putAll(changes);
        }
        return out;
    }

    synchronized void obliterate(UUID uuid) throws StoreException {
        StreamState s = require(uuid);
        // the commit lock keeps a commit's superblock from landing in the log after the obliteration
        s.commitLock.lock();
        s.writeLock.lock();
        try {
            meta.appendDurably(new MetaRecord.Obliterate(uuid));
            s.obliterated = true;
            s.dropBuffer();
            streams.remove(uuid);
            obliterated.add(uuid);
        } finally {
            s.writeLock.unlock();
            s.commitLock.unlock();
        }
    }
}
