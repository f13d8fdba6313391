// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import io.qss.shell.internal.upmu.Services;
import io.qss.store.api.CompactionResult;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.TimeSeriesStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code qss:store usage|compact}: the store's disk use, or a compaction that frees the space of obliterated streams
 * and of versions that retention drops ({@code retention.versions}, {@code retention.days} in etc/io.qss.store.cfg).
 * Compaction returns after a grace period of 30 s for queries still reading the old blocks.
 */
@Service
@Command(scope = "qss", name = "store", description = "Store disk use (usage) or free unused space (compact)")
public class StoreCommand implements Action {

    @Reference(optional = true)
    TimeSeriesStore store;

    @Argument(index = 0, name = "action", required = true, description = "usage | compact")
    String action;

    @Override
    public Object execute() throws Exception {
        Services.require(store, "TimeSeriesStore (qss-store)");
        switch (action) {
            case "usage" -> System.out.print(usage(store.usage()));
            case "compact" -> {
                System.out.println("compacting (waits 30 s for running queries when freed segments held data)...");
                System.out.print(compacted(store.compact(), store.usage()));
            }
            default ->
                throw new IllegalArgumentException("unknown action [action=" + action + ", expected=usage|compact]");
        }
        return null;
    }

    static String usage(SpaceUsage u) {
        return "store bytes:   " + u.totalBytes() + "\n"
                + "streams:       " + u.perStreamBytes().size() + "\n"
                + "volume free:   " + u.volumeFreeBytes() + " of " + u.volumeTotalBytes() + " bytes\n";
    }

    static String compacted(CompactionResult r, SpaceUsage after) {
        return "segments freed:   " + r.segmentsFreed() + "\n"
                + "bytes freed:      " + r.bytesFreed() + "\n"
                + "blocks moved:     " + r.blocksMoved() + "\n"
                + "versions expired: " + r.versionsExpired() + "\n"
                + "store bytes now:  " + after.totalBytes() + "\n";
    }
}
