// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.io.MetaManifest.RunRef;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's metadata: every stream creation, property change, commit (superblock) and obliteration, each durable
 * before the operation returns. A commit becomes visible after a crash exactly when its superblock record is
 * complete, which makes commits atomic.
 *
 * <p>Records are appended to the active metadata log. Once it exceeds the checkpoint size, a background thread
 * starts a new log and folds the old ones into a checkpoint ({@link MetaCheckpoint}): opening then replays only
 * the checkpoint (one head per stream) and the logs after it, and older versions are looked up on demand in the
 * version runs ({@link #findVersion}). Thread-safe.
 */
public final class MetaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetaLog.class);

    /** Receives replayed records in log order. */
    @FunctionalInterface
    public interface Replayer {
        void replay(MetaRecord record) throws StoreException;
    }

    /**
     * Proves, before a record is made durable, that this process may still write the store (the writer lease);
     * throws when it may not, so a writer that lost its lease never publishes a commit.
     */
    @FunctionalInterface
    public interface Fence {
        void check() throws StoreException;
    }

    /** Told, after a checkpoint, the newest version per stream that the version runs now hold. */
    @FunctionalInterface
    public interface Pruner {
        void covered(Map<UUID, Long> newestInRuns);
    }

    private final StoreVolume volume;
    private final Fence fence;
    private final long checkpointBytes;
    private final Pruner pruner;
    /** Appends hold it shared from append to sync; switching to a new log holds it exclusively. */
    private final ReentrantReadWriteLock switchLock = new ReentrantReadWriteLock();
    /** Held while a checkpoint changes the set of objects and while a snapshot copies them. */
    private final ReentrantLock fileLock = new ReentrantLock();

    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private final ExecutorService checkpointer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-store-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private volatile RecordLog active;
    private volatile long activeNumber;
    private volatile MetaManifest manifest;
    /** Newest first: a later entry for a version wins. */
    private volatile List<VersionRun> runs;

    private volatile long frozenBytes;
    /** Bytes replayed from the newest log when opened read-only (no active log then). */
    private volatile long readOnlyTail;

    private MetaLog(
            StoreVolume volume,
            Fence fence,
            long checkpointBytes,
            Pruner pruner,
            MetaManifest manifest,
            List<VersionRun> runs,
            RecordLog active,
            long activeNumber) {
        this.volume = volume;
        this.fence = fence;
        this.checkpointBytes = checkpointBytes;
        this.pruner = pruner;
        this.manifest = manifest;
        this.runs = runs;
        this.active = active;
        this.activeNumber = activeNumber;
        this.frozenBytes = frozenBytes();
    }

    /**
     * Replays the checkpoint and the logs after it, removes objects an interrupted checkpoint left behind, and opens
     * the newest log for appending.
     *
     * @param volume the store's volume
     * @param fence checked before every record is appended
     * @param checkpointBytes log size at which a checkpoint starts
     */
    public static MetaLog open(StoreVolume volume, Fence fence, long checkpointBytes, Replayer replayer, Pruner pruner)
            throws StoreException {
        MetaManifest m = MetaManifest.read(volume);
        if (m.firstLog() > 0) {
            String cp = MetaManifest.checkpoint(m.firstLog());
            Replayed r = replay(volume, cp, replayer);
            if (r.end() != m.checkpointBytes() || r.length() != m.checkpointBytes()) {
                throw Errors.corrupt(
                        "metadata checkpoint incomplete [expectedBytes=" + m.checkpointBytes() + "]", cp, 0);
            }
        }
        List<Long> logs = logNumbers(volume, m.firstLog());
        long last = logs.isEmpty() ? m.firstLog() : logs.get(logs.size() - 1);
        for (long n : logs.subList(0, Math.max(0, logs.size() - 1))) {
            String log = MetaManifest.log(n);
            Replayed r = replay(volume, log, replayer);
            if (r.end() != r.length()) {
                throw Errors.corrupt("closed metadata log damaged", log, r.end());
            }
        }
        String lastLog = MetaManifest.log(last);
        long end = replay(volume, lastLog, replayer).end();
        List<VersionRun> runs = new ArrayList<>();
        for (RunRef r : m.runs()) {
            runs.add(0, VersionRun.open(volume, MetaManifest.run(r.id()), r.id(), r.entries()));
        }
        RecordLog active = RecordLog.open(volume, lastLog, end);
        MetaLog log = new MetaLog(volume, fence, checkpointBytes, pruner, m, List.copyOf(runs), active, last);
        log.deleteLeftovers();
        log.checkpointIfDue();
        return log;
    }

    /**
     * Replays the checkpoint and the logs after it for reading only (a standby): opens no log for appending and
     * removes nothing, since the writer owns the objects; a record the writer is appending right now is torn and ends
     * the replay. Every append fails with {@code refusal}'s exception. Run from the start again when it fails: a
     * checkpoint of the writer may have replaced the objects while they were read.
     */
    public static MetaLog openReadOnly(StoreVolume volume, Fence refusal, Replayer replayer) throws StoreException {
        MetaManifest m = MetaManifest.read(volume);
        if (m.firstLog() > 0) {
            String cp = MetaManifest.checkpoint(m.firstLog());
            Replayed r = replay(volume, cp, replayer);
            if (r.end() != m.checkpointBytes()) {
                throw Errors.corrupt(
                        "metadata checkpoint incomplete [expectedBytes=" + m.checkpointBytes() + "]", cp, 0);
            }
        }
        List<Long> logs = logNumbers(volume, m.firstLog());
        long last = logs.isEmpty() ? m.firstLog() : logs.get(logs.size() - 1);
        long tail = 0;
        for (long n : logs) {
            tail = replay(volume, MetaManifest.log(n), replayer).end();
        }
        List<VersionRun> runs = new ArrayList<>();
        for (RunRef r : m.runs()) {
            runs.add(0, VersionRun.open(volume, MetaManifest.run(r.id()), r.id(), r.entries()));
        }
        MetaLog log = new MetaLog(volume, refusal, Long.MAX_VALUE, covered -> {}, m, List.copyOf(runs), null, last);
        log.readOnlyTail = tail;
        return log;
    }

    /** Where replaying an object ended (after the last whole record) and its length (-1 when absent). */
    record Replayed(long end, long length) {}

    /** Replays every record of a metadata object (log or checkpoint); an absent object has none. */
    static Replayed replay(StoreVolume volume, String name, Replayer replayer) throws StoreException {
        byte[] all = volume.readAll(name);
        if (all == null) {
            return new Replayed(0, -1);
        }
        long end = RecordLog.scan(name, all, (bytes, off, len, fileOffset) -> {
            MetaRecord rec;
            try {
                rec = MetaRecord.decode(new ByteSource(bytes, off, off + len));
            } catch (IllegalArgumentException e) {
                throw Errors.corrupt("metadata record undecodable", name, fileOffset, e);
            }
            replayer.replay(rec);
        });
        return new Replayed(end, all.length);
    }

    /** Log numbers from {@code first} on, ascending; fails if one in between is missing (it would lose commits). */
    private static List<Long> logNumbers(StoreVolume volume, long first) throws StoreException {
        List<Long> numbers = new ArrayList<>();
        for (String name : volume.list("meta")) {
            long n = MetaManifest.logNumber(name);
            if (n >= first) {
                numbers.add(n);
            }
        }
        numbers.sort(null);
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != first + i) {
                throw new StoreException(
                        ErrorCode.CORRUPT_DATA,
                        "metadata log missing [" + volume.describe() + ", log=" + MetaManifest.log(first + i) + "]");
            }
        }
        return numbers;
    }

    /** Removes logs, checkpoints and runs that the manifest does not name (from a checkpoint cut short). */
    private void deleteLeftovers() throws StoreException {
        MetaManifest m = manifest;
        Set<String> keep = new HashSet<>(currentObjects(m));
        for (String name : volume.list("")) {
            if (name.indexOf('/') >= 0) {
                continue;
            }
            long log = MetaManifest.logNumber(name);
            boolean isOther = name.matches("checkpoint-\\d{8}\\.meta")
                    || name.matches("versions-\\d{8}\\.run")
                    || name.equals(MetaManifest.FILE + ".tmp");
            if ((log >= 0 && log < m.firstLog()) || (isOther && !keep.contains(name))) {
                delete(name);
            }
        }
    }

    /** The objects the manifest names, without the logs. */
    private static List<String> currentObjects(MetaManifest m) {
        List<String> names = new ArrayList<>();
        if (m.firstLog() > 0) {
            names.add(MetaManifest.checkpoint(m.firstLog()));
        }
        for (RunRef r : m.runs()) {
            names.add(MetaManifest.run(r.id()));
        }
        return names;
    }

    private void delete(String name) {
        try {
            volume.delete(name);
        } catch (StoreException e) {
            LOG.warn("removing old metadata object failed [object={}, error={}]", name, e.getMessage());
        }
    }

    /** Appends a record and returns once it is durable (group commit with concurrent callers). */
    public void appendDurably(MetaRecord record) throws StoreException {
        ByteSink out = new ByteSink(128);
        record.encode(out);
        switchLock.readLock().lock();
        try {
            fence.check();
            RecordLog log = active;
            log.syncTo(log.append(out.array(), 0, out.size()));
        } finally {
            switchLock.readLock().unlock();
        }
        checkpointIfDue();
    }

    /** Appends records with one write and returns once all are durable (one sync, shared with concurrent callers). */
    public void appendAllDurably(List<? extends MetaRecord> records) throws StoreException {
        List<ByteSink> encoded = new ArrayList<>(records.size());
        for (MetaRecord record : records) {
            ByteSink out = new ByteSink(128);
            record.encode(out);
            encoded.add(out);
        }
        switchLock.readLock().lock();
        try {
            fence.check();
            RecordLog log = active;
            log.syncTo(log.appendAll(encoded));
        } finally {
            switchLock.readLock().unlock();
        }
        checkpointIfDue();
    }

    private void checkpointIfDue() {
        if (active != null && active.size() >= checkpointBytes && checkpointQueued.compareAndSet(false, true)) {
            try {
                checkpointer.execute(() -> {
                    try {
                        checkpoint();
                    } catch (StoreException | RuntimeException e) {
                        LOG.warn(
                                "metadata checkpoint failed, retried at the next commit [{}, error={}]",
                                volume.describe(),
                                e.getMessage(),
                                e);
                    } finally {
                        checkpointQueued.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                checkpointQueued.set(false);
            }
        }
    }

    /**
     * Starts a new log and folds everything before it into a new checkpoint and version runs, then removes the
     * files that are no longer needed. Appends go on meanwhile (they wait only for the switch of logs). Does nothing
     * when the active log is empty.
     */
    public void checkpoint() throws StoreException {
        fileLock.lock();
        try {
            fence.check();
            if (active.size() == 0 && manifest.firstLog() == activeNumber) {
                return;
            }
            long newFirstLog = switchLog();
            MetaManifest old = manifest;
            MetaCheckpoint.Result result = MetaCheckpoint.build(volume, old, newFirstLog);
            fence.check();
            result.manifest().write(volume);
            runs = openRuns(result.manifest());
            manifest = result.manifest();
            pruner.covered(result.covered());
            for (long n = old.firstLog(); n < newFirstLog; n++) {
                delete(MetaManifest.log(n));
            }
            if (old.firstLog() > 0) {
                delete(MetaManifest.checkpoint(old.firstLog()));
            }
            for (RunRef r : result.retired()) {
                delete(MetaManifest.run(r.id()));
            }
            frozenBytes = frozenBytes();
        } finally {
            fileLock.unlock();
        }
    }

    /** Closes the active log once every append to it is durable and opens the next; returns its number. */
    private long switchLog() throws StoreException {
        switchLock.writeLock().lock();
        try {
            RecordLog old = active;
            old.syncAll();
            long next = activeNumber + 1;
            active = RecordLog.open(volume, MetaManifest.log(next), 0);
            activeNumber = next;
            old.close();
            return next;
        } finally {
            switchLock.writeLock().unlock();
        }
    }

    /** The runs of a manifest, newest first, reusing the mappings of runs already open. */
    private List<VersionRun> openRuns(MetaManifest m) throws StoreException {
        Map<Long, VersionRun> open = new HashMap<>();
        for (VersionRun r : runs) {
            open.put(r.id(), r);
        }
        List<VersionRun> out = new ArrayList<>();
        for (RunRef r : m.runs()) {
            VersionRun run = open.get(r.id());
            out.add(0, run != null ? run : VersionRun.open(volume, MetaManifest.run(r.id()), r.id(), r.entries()));
        }
        return List.copyOf(out);
    }

    /** A version that a checkpoint moved out of memory, or null if the stream never had it. */
    public Superblock findVersion(UUID stream, long version) throws StoreException {
        List<VersionRun> current = runs;
        try {
            return findVersion(current, stream, version);
        } catch (StoreException e) {
            if (runs == current) {
                throw e;
            }
            // a checkpoint merged and deleted a run while this lookup read it; the merged run holds the entry
            return findVersion(runs, stream, version);
        }
    }

    private static Superblock findVersion(List<VersionRun> current, UUID stream, long version) throws StoreException {
        for (VersionRun run : current) {
            Superblock sb = run.find(stream, version);
            if (sb != null) {
                return sb;
            }
        }
        return null;
    }

    /**
     * Keeps the metadata objects as they are (no checkpoint changes them) until closed, and names them with lengths
     * that end on record boundaries, for a consistent copy.
     */
    public Pin pin() throws StoreException {
        fileLock.lock();
        try {
            MetaManifest m = manifest;
            List<ObjectPrefix> objects = new ArrayList<>();
            long manifestLength = volume.length(MetaManifest.FILE);
            if (manifestLength >= 0) {
                objects.add(new ObjectPrefix(MetaManifest.FILE, manifestLength));
            }
            for (String name : currentObjects(m)) {
                objects.add(new ObjectPrefix(name, volume.length(name)));
            }
            for (long n = m.firstLog(); n < activeNumber; n++) {
                objects.add(new ObjectPrefix(MetaManifest.log(n), volume.length(MetaManifest.log(n))));
            }
            objects.add(new ObjectPrefix(active.name(), active.size()));
            return new Pin(List.copyOf(objects), fileLock);
        } catch (StoreException | RuntimeException e) {
            fileLock.unlock();
            throw e;
        }
    }

    /** The metadata objects as of {@link #pin()}; closing releases them to checkpoints again. */
    public record Pin(List<ObjectPrefix> objects, ReentrantLock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** Bytes of all metadata objects. */
    public long bytes() {
        RecordLog log = active;
        return frozenBytes + (log == null ? readOnlyTail : log.size());
    }

    private long frozenBytes() {
        long total = 0;
        try {
            for (String name : currentObjects(manifest)) {
                total += Math.max(0, volume.length(name));
            }
            for (long n = manifest.firstLog(); n < activeNumber; n++) {
                total += Math.max(0, volume.length(MetaManifest.log(n)));
            }
        } catch (StoreException e) {
            // only a figure for usage(); an object vanishing meanwhile was just replaced by a checkpoint
        }
        return total;
    }

    /** Waits for a checkpoint under way, then closes the active log. */
    @Override
    public void close() throws StoreException {
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (active != null) {
            active.close();
        }
    }
}
