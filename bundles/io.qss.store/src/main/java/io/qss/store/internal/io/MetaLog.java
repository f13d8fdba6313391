// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.StoreException;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata log: every stream creation, property change, commit (superblock) and obliteration, each durable
 * before the operation returns. A commit becomes visible after a crash exactly when its superblock record is
 * complete, which makes commits atomic. Thread-safe.
 */
public final class MetaLog implements AutoCloseable {

    /** Receives replayed records in log order. */
    @FunctionalInterface
    public interface Replayer {
        void replay(MetaRecord record) throws StoreException;
    }

    private final RecordLog log;

    private MetaLog(RecordLog log) {
        this.log = log;
    }

    public static MetaLog open(Path file, Replayer replayer) throws StoreException {
        long end = 0;
        if (file.toFile().exists()) {
            end = RecordLog.scan(file, (bytes, off, len, fileOffset) -> {
                MetaRecord rec;
                try {
                    rec = MetaRecord.decode(new ByteSource(bytes, off, off + len));
                } catch (IllegalArgumentException e) {
                    throw Errors.corrupt("metadata record undecodable", file, fileOffset, e);
                }
                replayer.replay(rec);
            });
        }
        return new MetaLog(RecordLog.open(file, end));
    }

    /** Appends a record and returns once it is durable (group commit with concurrent callers). */
    public void appendDurably(MetaRecord record) throws StoreException {
        ByteSink out = new ByteSink(128);
        record.encode(out);
        long end = log.append(out.array(), 0, out.size());
        log.syncTo(end);
    }

    /** Appends records with one write and returns once all are durable (one sync, shared with concurrent callers). */
    public void appendAllDurably(List<? extends MetaRecord> records) throws StoreException {
        List<ByteSink> encoded = new ArrayList<>(records.size());
        for (MetaRecord record : records) {
            ByteSink out = new ByteSink(128);
            record.encode(out);
            encoded.add(out);
        }
        log.syncTo(log.appendAll(encoded));
    }

    /** The log file; its first {@link #bytes()} bytes always end on a record boundary. */
    public Path file() {
        return log.file();
    }

    public long bytes() {
        return log.size();
    }

    @Override
    public void close() throws StoreException {
        log.close();
    }
}
