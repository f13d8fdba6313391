// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegistryException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the saved devices in MongoDB, which another qss node on the same database may change: every period it
 * asks the registry to adopt them ({@link DeviceRegistryImpl#follow}) and logs what changed. A failing read (MongoDB
 * down) keeps the devices known and is logged once per outage, its end once. Plain Java; runs on one daemon thread of
 * its own, so the logging state is confined to it.
 */
final class RegistryFollower implements AutoCloseable {

    /** One reading of the saved devices; {@link DeviceRegistryImpl#follow} in production. */
    interface Source {
        FollowedChanges follow() throws RegistryException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RegistryFollower.class);

    private final Source source;
    private final Duration period;
    private final ScheduledExecutorService timer;
    private boolean isFailing;

    RegistryFollower(Source source, Duration period) {
        this.source = source;
        this.period = period;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qss-registry-follow");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts following: the first reading after one period. */
    void start() {
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(this::followOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads once and logs: what another node changed (INFO), local edits kept over a change there (WARN), the start
     * and the end of an outage (once each).
     *
     * @return what changed; empty when nothing did or the reading failed
     */
    FollowedChanges followOnce() {
        FollowedChanges changes;
        try {
            changes = source.follow();
        } catch (RegistryException | RuntimeException e) {
            if (!isFailing) {
                LOG.warn(
                        "following the saved devices failed; keeping the devices known until MongoDB answers"
                                + " [period={}s]",
                        period.toSeconds(),
                        e);
                isFailing = true;
            }
            return FollowedChanges.NONE;
        }
        if (isFailing) {
            LOG.info("following the saved devices works again [period={}s]", period.toSeconds());
            isFailing = false;
        }
        for (FollowedChanges.Conflict c : changes.conflicts()) {
            LOG.warn(
                    "device edited here and changed by another node; the local edit stays pending (upmu:save or"
                            + " device:save writes it over the other node's, discard takes the other's) [device={},"
                            + " here={}, there={}]",
                    c.key(),
                    c.here() == null ? "removed" : c.here(),
                    c.there() == null ? "removed" : c.there());
        }
        if (!changes.isEmpty()) {
            LOG.info(
                    "devices changed by another node [added={}, removed={}, changed={}]",
                    String.join(",", changes.added()),
                    String.join(",", changes.removed()),
                    String.join(",", changes.changed()));
        }
        return changes;
    }

    /** Stops following; a reading under way finishes first, for at most a few seconds. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
