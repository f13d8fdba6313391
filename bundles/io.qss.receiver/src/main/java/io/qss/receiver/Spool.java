// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable raw-file spool under {@code <qss data>/raw}: {@code <serial>/<device path>}, the device path without
 * its leading '/' (an over-long segment shortened with its hash, the device's name kept beside it). A file is
 * written under a temporary name in {@code .incoming/}, forced to disk, renamed into place and its directory forced,
 * so a stored file is complete and survives a crash; partial temporary files are removed at start. Hidden entries
 * (names starting with '.') are the spool's own. Thread-safe.
 */
@ProviderType
public interface Spool {

    /** The spool root. */
    Path root();

    /** The directory of one device's files (may not exist yet). */
    Path deviceDirectory(String serial);

    /** A directory next to the spool for other components' bookkeeping (e.g. sync state); created. */
    Path stateDirectory(String name) throws IOException;

    /**
     * The path the device sent for the file at {@code spoolPath} of {@code serial} (see {@link SpooledFile#path}):
     * the kept device name of a shortened path, else {@code spoolPath} itself.
     */
    String devicePath(String serial, String spoolPath);

    /** Serials that have a spool directory, sorted. */
    List<String> serials() throws IOException;

    /**
     * Stores {@code data} durably as {@code path} of {@code serial}, replacing a file of that path, and tells the
     * listeners. Blocking.
     *
     * @param path the device path: absolute or relative, '/'-separated
     * @throws IllegalArgumentException when serial or path are unsafe ({@code ..} or hidden segments, control
     *     characters, backslashes)
     * @throws IOException when writing fails; nothing is left behind
     */
    SpooledFile store(String serial, String path, byte[] data) throws IOException;

    /** As {@link #store(String, String, byte[])}, copying from {@code source}. */
    SpooledFile importFile(String serial, String path, Path source) throws IOException;

    /**
     * Tells {@code listener} about every file stored from now on, until removed. (An explicit registration rather
     * than a whiteboard service: the listener's component references this spool, and a reference back would be
     * circular.)
     */
    void addListener(SpoolListener listener);

    /** Stops telling {@code listener}. */
    void removeListener(SpoolListener listener);

    /** False while the disk guard refuses new data ("No longer accepting new data"). */
    boolean isAcceptingData();

    /**
     * Sync is done with the file at {@code path} of {@code serial}: its points are durably in the store (or it was
     * refused for good). The local file stays (it is the raw archive); when the spool is shared with other nodes
     * (receiver option {@code spool.shared}) its shared copy is removed, so that a node taking over does not ingest
     * it again. Returns at once (the removal runs in the background); never throws for a missing file.
     *
     * @param path the spool path, as in {@link SpooledFile#path()}
     * @since 1.2
     */
    void ingested(String serial, String path);
}
