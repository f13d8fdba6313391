// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The object {@code CHECKPOINT}: which metadata checkpoint is current. The store's metadata is that checkpoint
 * ({@code checkpoint-<firstLog>.meta}, {@code checkpointBytes} long; none while {@code firstLog} is 0), then every
 * metadata log numbered {@code firstLog} or higher in order; older versions are in the listed runs. Replaced
 * atomically ({@link StoreVolume#replace}), so a crash leaves either the old or the new one. A store without the
 * object has never been checkpointed: {@link #NONE}.
 *
 * @param firstLog number of the first metadata log not folded into the checkpoint
 * @param checkpointBytes exact length of the checkpoint object
 * @param nextRunId the id the next version run gets
 * @param runs the version runs, oldest first
 */
record MetaManifest(long firstLog, long checkpointBytes, long nextRunId, List<RunRef> runs) {

    static final String FILE = "CHECKPOINT";
    static final MetaManifest NONE = new MetaManifest(0, 0, 1, List.of());

    /** A version run object ({@code versions-<id>.run}) and its number of entries. */
    record RunRef(long id, long entries) {}

    static MetaManifest read(StoreVolume volume) throws StoreException {
        byte[] bytes = volume.readAll(FILE);
        if (bytes == null) {
            return NONE;
        }
        List<MetaManifest> found = new ArrayList<>();
        long end = RecordLog.scan(FILE, bytes, (b, off, len, at) -> {
            try {
                found.add(decode(new ByteSource(b, off, off + len)));
            } catch (IllegalArgumentException e) {
                throw Errors.corrupt("checkpoint manifest undecodable", FILE, at, e);
            }
        });
        if (found.size() != 1 || end != bytes.length) {
            throw Errors.corrupt("checkpoint manifest damaged [records=" + found.size() + "]", FILE, end);
        }
        return found.get(0);
    }

    /** Makes this the current manifest: durable and complete, or not there at all. */
    void write(StoreVolume volume) throws StoreException {
        ByteSink out = new ByteSink(64 + runs.size() * 20);
        encode(out);
        volume.replace(FILE, RecordLog.frame(out.array(), 0, out.size()));
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

    static String log(long number) {
        return number == 0 ? "meta.log" : String.format("meta-%08d.log", number);
    }

    static String checkpoint(long firstLog) {
        return String.format("checkpoint-%08d.meta", firstLog);
    }

    static String run(long id) {
        return String.format("versions-%08d.run", id);
    }

    /** The number of a metadata log object name, or -1 for any other name. */
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
