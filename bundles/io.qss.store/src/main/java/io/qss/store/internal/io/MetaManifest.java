// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code CHECKPOINT}: which metadata checkpoint is current. The store's metadata is that checkpoint
 * ({@code checkpoint-<firstLog>.meta}, {@code checkpointBytes} long; none while {@code firstLog} is 0), then every
 * metadata log numbered {@code firstLog} or higher in order; older versions are in the listed runs. Replaced
 * atomically (temporary file, fsync, rename, directory fsync), so a crash leaves either the old or the new one. A
 * store without the file has never been checkpointed: {@link #NONE}.
 *
 * @param firstLog number of the first metadata log not folded into the checkpoint
 * @param checkpointBytes exact length of the checkpoint file
 * @param nextRunId the id the next version run gets
 * @param runs the version runs, oldest first
 */
record MetaManifest(long firstLog, long checkpointBytes, long nextRunId, List<RunRef> runs) {

    static final String FILE = "CHECKPOINT";
    static final MetaManifest NONE = new MetaManifest(0, 0, 1, List.of());

    /** A version run file ({@code versions-<id>.run}) and its number of entries. */
    record RunRef(long id, long entries) {}

    static MetaManifest read(Path dir) throws StoreException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return NONE;
        }
        List<MetaManifest> found = new ArrayList<>();
        long end = RecordLog.scan(file, (bytes, off, len, at) -> {
            try {
                found.add(decode(new ByteSource(bytes, off, off + len)));
            } catch (IllegalArgumentException e) {
                throw Errors.corrupt("checkpoint manifest undecodable", file, at, e);
            }
        });
        if (found.size() != 1 || end != sizeOf(file)) {
            throw Errors.corrupt("checkpoint manifest damaged [records=" + found.size() + "]", file, end);
        }
        return found.get(0);
    }

    private static long sizeOf(Path file) throws StoreException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw Errors.io("reading checkpoint manifest failed", file, e);
        }
    }

    /** Makes this the current manifest: durable and complete, or not there at all. */
    void write(Path dir) throws StoreException {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        ByteSink out = new ByteSink(64 + runs.size() * 20);
        encode(out);
        try {
            Files.deleteIfExists(tmp);
            RecordLog log = RecordLog.open(tmp, 0);
            try {
                log.syncTo(log.append(out.array(), 0, out.size()));
            } finally {
                log.close();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Directories.sync(dir);
        } catch (IOException e) {
            throw Errors.io("writing checkpoint manifest failed", file, e);
        }
    }

    private void encode(ByteSink out) {
        out.putVarLong(firstLog);
        out.putVarLong(checkpointBytes);
        out.putVarLong(nextRunId);
        out.putVarLong(runs.size());
        for (RunRef r : runs) {
            out.putVarLong(r.id());
            out.putVarLong(r.entries());
        }
    }

    private static MetaManifest decode(ByteSource in) {
        long firstLog = in.getVarLong();
        long checkpointBytes = in.getVarLong();
        long nextRunId = in.getVarLong();
        int n = in.getVarInt(1 << 20);
        List<RunRef> runs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            runs.add(new RunRef(in.getVarLong(), in.getVarLong()));
        }
        return new MetaManifest(firstLog, checkpointBytes, nextRunId, List.copyOf(runs));
    }

    static Path log(Path dir, long number) {
        return number == 0 ? dir.resolve("meta.log") : dir.resolve(String.format("meta-%08d.log", number));
    }

    static Path checkpoint(Path dir, long firstLog) {
        return dir.resolve(String.format("checkpoint-%08d.meta", firstLog));
    }

    static Path run(Path dir, long id) {
        return dir.resolve(String.format("versions-%08d.run", id));
    }

    /** The number of a metadata log file name, or -1 for any other name. */
    static long logNumber(String name) {
        if (name.equals("meta.log")) {
            return 0;
        }
        if (name.matches("meta-\\d{8}\\.log")) {
            return Long.parseLong(name.substring(5, 13));
        }
        return -1;
    }
}
