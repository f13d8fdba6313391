// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WriterLease;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The store's claim on its volume: holds the writer lease while open, so two processes never write the same objects,
 * and checks the format header object {@code FORMAT} (first line {@code qss-store-format=3}; a version 1 or 2 store is
 * upgraded by rewriting it, see docs/store-format.md).
 */
final class StoreFormat implements AutoCloseable {

    static final int FORMAT_VERSION = 3;
    static final String FORMAT = "FORMAT";
    private static final String FORMAT_LINE = "qss-store-format=" + FORMAT_VERSION;
    /**
     * Older versions whose objects are valid version 3 objects as they are: version 1 has no metadata checkpoints,
     * version 2 no commit times (its superblock records and version runs are still read).
     */
    private static final Set<String> UPGRADABLE = Set.of("qss-store-format=1", "qss-store-format=2");

    private final WriterLease lease;

    private StoreFormat(WriterLease lease) {
        this.lease = lease;
    }

    /** Takes the writer lease for {@code holder}, then checks (or writes) the format header. */
    static StoreFormat claim(StoreVolume volume, String holder) throws StoreException {
        return adopt(volume, volume.acquireWriter(holder));
    }

    /** Keeps a writer lease the caller already took, then checks (or writes) the format header. */
    static StoreFormat adopt(StoreVolume volume, WriterLease lease) throws StoreException {
        try {
            checkFormat(volume);
            return new StoreFormat(lease);
        } catch (StoreException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * For a reader beside another process's writer (a standby), which writes nothing: refuses a store of a format it
     * does not know ({@code UNAVAILABLE}, as the writer would) instead of reading objects it would take for damaged.
     * A missing header (a writer that has not written it yet) and the formats a writer upgrades are read.
     */
    static void checkReadable(StoreVolume volume) throws StoreException {
        String first = formatLine(volume);
        if (first != null && !first.equals(FORMAT_LINE) && !UPGRADABLE.contains(first)) {
            throw unsupported(volume, first);
        }
    }

    /** The first line of the format header, or null when there is none. */
    private static String formatLine(StoreVolume volume) throws StoreException {
        byte[] header = volume.readAll(FORMAT);
        if (header == null) {
            return null;
        }
        String text = new String(header, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    private static StoreException unsupported(StoreVolume volume, String first) {
        return new StoreException(
                ErrorCode.UNAVAILABLE,
                "store format unsupported [" + volume.describe() + ", object=" + FORMAT + ", found=" + first
                        + ", supported=" + FORMAT_LINE + "]");
    }

    private static void checkFormat(StoreVolume volume) throws StoreException {
        String first = formatLine(volume);
        if (first == null) {
            writeFormat(volume);
            return;
        }
        if (UPGRADABLE.contains(first)) {
            // before anything is written, so that older code refuses the store (UNAVAILABLE) instead of ignoring
            // checkpoints (version 1) or taking runs with commit times for damaged ones (version 2)
            writeFormat(volume);
        } else if (!first.equals(FORMAT_LINE)) {
            throw unsupported(volume, first);
        }
    }

    private static void writeFormat(StoreVolume volume) throws StoreException {
        volume.replace(FORMAT, (FORMAT_LINE + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Fencing: returns only while this process still holds the writer lease. */
    void checkLease() throws StoreException {
        lease.check();
    }

    @Override
    public void close() throws StoreException {
        lease.close();
    }
}
