// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.Version;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.MetaRecord;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The streams and their metadata (collection, tags, annotations, property version). Every change is durable in
 * the metadata log before it becomes visible. Thread-safe: creation and obliteration are serialised on the
 * catalog; property changes on the stream's write lock.
 */
final class StreamCatalog {

    private final Map<UUID, StreamState> streams = new ConcurrentHashMap<>();
    private final Set<UUID> obliterated = ConcurrentHashMap.newKeySet();
    private final BufferBudget budget;
    private final CommitQueue queue;
    /** Per stream, the oldest version retention keeps (absent: every version since creation). */
    private final Map<UUID, Long> oldestKept = new ConcurrentHashMap<>();
    /**
     * Stream UUIDs by collection, so that a lookup by collection (a device being added, an API client listing one)
     * does not walk every stream. Changed under {@link #indexLock}; read without it, and every hit is checked against
     * the stream's properties, which are the truth.
     */
    private final NavigableMap<String, Set<UUID>> byCollection = new ConcurrentSkipListMap<>();

    /**
     * Stream UUIDs by annotation (key and value), so that a lookup asking for an annotation value (a device's streams
     * by its id among tens of thousands of the same type) looks only at the streams that carry it. Like
     * {@link #byCollection}: changed under {@link #indexLock}, read without it, every hit checked.
     */
    private final Map<Map.Entry<String, String>, Set<UUID>> byAnnotation = new ConcurrentHashMap<>();

    private final Object indexLock = new Object();

    private MetaLog meta;

    StreamCatalog() {
        this(BufferBudget.unlimited(), CommitQueue.of(StoreOptions.defaults()));
    }

    /** Streams whose buffers count against {@code budget} and enter {@code queue} when they start. */
    StreamCatalog(BufferBudget budget, CommitQueue queue) {
        this.budget = budget;
        this.queue = queue;
    }

    /** The streams with buffered points, by due time. */
    CommitQueue queue() {
        return queue;
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
                streams.put(
                        p.stream(), new StreamState(p.stream(), info, initialSuperblock(p.stream()), budget, queue));
                index(p.stream(), null, info.collection());
                indexAnnotations(p.stream(), Map.of(), info.annotations());
            } else {
                index(p.stream(), s.info.collection(), info.collection());
                indexAnnotations(p.stream(), s.info.annotations(), info.annotations());
                s.info = info;
            }
        } else if (record instanceof MetaRecord.Superblock sb) {
            StreamState s = streams.get(sb.stream());
            if (s != null && sb.version() >= s.head.committed.version()) {
                s.committed(sb);
            } else if (s != null) {
                // an older version whose tree compaction moved: it replaces that version, the head stays
                s.versions.put(sb.version(), sb);
            }
        } else if (record instanceof MetaRecord.Obliterate o) {
            StreamState gone = streams.remove(o.stream());
            if (gone != null) {
                index(o.stream(), gone.info.collection(), null);
                indexAnnotations(o.stream(), gone.info.annotations(), Map.of());
            }
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
        streams.put(uuid, new StreamState(uuid, info, initialSuperblock(uuid), budget, queue));
        index(uuid, null, collection);
        indexAnnotations(uuid, Map.of(), annotations);
        return info;
    }

    List<StreamInfo> lookup(
            String collection, boolean isPrefix, Map<String, String> tags, Map<String, String> annotations) {
        return candidates(collection, isPrefix, annotations).stream()
                .map(s -> s.info)
                .filter(i -> collection == null
                        || (isPrefix
                                ? i.collection().startsWith(collection)
                                : i.collection().equals(collection)))
                .filter(i -> matches(i.tags(), tags) && matches(i.annotations(), annotations))
                .sorted(Comparator.comparing(StreamInfo::collection).thenComparing(StreamInfo::uuid))
                .toList();
    }

    /**
     * The streams a lookup has to look at: those the indexes file under the collection (or prefix) or under one of the
     * annotation values asked for, whichever are fewer; all when neither narrows it down.
     */
    private Collection<StreamState> candidates(String collection, boolean isPrefix, Map<String, String> annotations) {
        Set<UUID> annotated = fewestAnnotated(annotations);
        if (collection == null || (isPrefix && collection.isEmpty())) {
            return annotated == null ? streams.values() : live(annotated);
        }
        List<StreamState> found = new ArrayList<>();
        Map<String, Set<UUID>> filed = isPrefix
                ? byCollection.tailMap(collection, true)
                : byCollection.subMap(collection, true, collection, true);
        for (Map.Entry<String, Set<UUID>> e : filed.entrySet()) {
            if (isPrefix && !e.getKey().startsWith(collection)) {
                break;
            }
            if (annotated != null && found.size() + e.getValue().size() > annotated.size()) {
                return live(annotated); // the annotation's streams are fewer: look at those instead
            }
            for (UUID uuid : e.getValue()) {
                StreamState s = streams.get(uuid);
                if (s != null) {
                    found.add(s);
                }
            }
        }
        return found;
    }

    /** The fewest streams filed under one of the annotation values asked for; null when none is asked for. */
    private Set<UUID> fewestAnnotated(Map<String, String> annotations) {
        if (annotations == null) {
            return null;
        }
        Set<UUID> fewest = null;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            if (e.getValue() != null) {
                Set<UUID> filed = byAnnotation.getOrDefault(Map.entry(e.getKey(), e.getValue()), Set.of());
                if (fewest == null || filed.size() < fewest.size()) {
                    fewest = filed;
                }
            }
        }
        return fewest;
    }

    private List<StreamState> live(Set<UUID> uuids) {
        List<StreamState> found = new ArrayList<>(uuids.size());
        for (UUID uuid : uuids) {
            StreamState s = streams.get(uuid);
            if (s != null) {
                found.add(s);
            }
        }
        return found;
    }

    /** Files {@code uuid} under its new annotation values instead of the old ones. */
    private void indexAnnotations(UUID uuid, Map<String, String> old, Map<String, String> now) {
        synchronized (indexLock) {
            for (Map.Entry<String, String> e : old.entrySet()) {
                if (!e.getValue().equals(now.get(e.getKey()))) {
                    Map.Entry<String, String> key = Map.entry(e.getKey(), e.getValue());
                    Set<UUID> filed = byAnnotation.get(key);
                    if (filed != null && filed.remove(uuid) && filed.isEmpty()) {
                        byAnnotation.remove(key);
                    }
                }
            }
            for (Map.Entry<String, String> e : now.entrySet()) {
                if (!e.getValue().equals(old.get(e.getKey()))) {
                    byAnnotation
                            .computeIfAbsent(Map.entry(e.getKey(), e.getValue()), k -> ConcurrentHashMap.newKeySet())
                            .add(uuid);
                }
            }
        }
    }

    /** Files {@code uuid} under its new collection instead of the old one (null: none). */
    private void index(UUID uuid, String oldCollection, String newCollection) {
        if (Objects.equals(oldCollection, newCollection)) {
            return;
        }
        synchronized (indexLock) {
            if (oldCollection != null) {
                Set<UUID> old = byCollection.get(oldCollection);
                if (old != null && old.remove(uuid) && old.isEmpty()) {
                    byCollection.remove(oldCollection);
                }
            }
            if (newCollection != null) {
                byCollection
                        .computeIfAbsent(newCollection, c -> ConcurrentHashMap.newKeySet())
                        .add(uuid);
            }
        }
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
        List<String> out = new ArrayList<>();
        for (String collection : byCollection.tailMap(p, true).keySet()) {
            if (!collection.startsWith(p)) {
                break;
            }
            out.add(collection);
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
            index(uuid, cur.collection(), coll);
            indexAnnotations(uuid, cur.annotations(), anns);
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
            index(uuid, s.info.collection(), null);
            indexAnnotations(uuid, s.info.annotations(), Map.of());
            obliterated.add(uuid);
        } finally {
            s.writeLock.unlock();
            s.commitLock.unlock();
        }
    }
}
