// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits buffers off the inserting threads, so that an insert's latency never carries a tree write. A round picks
 * the buffers that are due by age, full, or (while the {@link BufferBudget} is tight) the largest, see
 * {@link CommitPicker}, and commits them in groups of {@value #COMMIT_GROUP} (one block sync and one metadata sync
 * per group) on a few threads. Rounds run every {@value #IDLE_MILLIS} to {@value #IDLE_MILLIS_MAX} ms (see
 * {@link #idleMillis}), and at once when an insert fills a buffer or waits for room.
 */
final class BackgroundCommitter implements AutoCloseable {

    private static final int COMMIT_GROUP = 32;
    private static final long IDLE_MILLIS = 100;
    private static final long IDLE_MILLIS_MAX = 250;

    private final StoreOptions options;
    private final StreamCatalog catalog;
    private final CommitEngine commits;
    private final BufferBudget budget;
    private final WriteHealth health;
    private final long idleMillis;
    private final ExecutorService groups;
    private final Thread rounds;
    private final Object signal = new Object();
    private boolean isWoken;
    private volatile boolean isClosed;

    BackgroundCommitter(
            StoreOptions options,
            StreamCatalog catalog,
            CommitEngine commits,
            BufferBudget budget,
            WriteHealth health) {
        this.options = options;
        this.catalog = catalog;
        this.commits = commits;
        this.budget = budget;
        this.health = health;
        this.idleMillis = idleMillis(options.commitMaxAgeMillis());
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        AtomicInteger ids = new AtomicInteger();
        groups = Executors.newFixedThreadPool(
                threads, r -> DaemonThreads.thread(r, "qss-store-commit-" + ids.incrementAndGet()));
        rounds = DaemonThreads.thread(this::loop, "qss-store-committer");
        rounds.start();
    }

    /** Starts a round now (a buffer filled, or an insert waits for room). Cheap; any thread. */
    void wake() {
        synchronized (signal) {
            isWoken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!isClosed) {
            try {
                awaitWake();
                round();
            } catch (InterruptedException e) {
                return;
            } catch (StoreException | RuntimeException e) {
                health.failed("background commit failed", e);
                pauseAfterFailure();
            }
        }
    }

    /**
     * How long a round waits for a wake-up: within 1 % of the commit age, between the two bounds (a round looks only
     * at the queued streams, but under a tight budget it walks every stream, tens of thousands with a fleet of live
     * devices).
     */
    static long idleMillis(long commitMaxAgeMillis) {
        return Math.max(IDLE_MILLIS, Math.min(IDLE_MILLIS_MAX, commitMaxAgeMillis / 100));
    }

    private void awaitWake() throws InterruptedException {
        synchronized (signal) {
            if (!isWoken) {
                signal.wait(idleMillis);
            }
            isWoken = false;
        }
    }

    /** A failing disk fails every round: wait a little rather than spin on it. */
    private void pauseAfterFailure() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void round() throws StoreException, InterruptedException {
        CommitQueue queue = catalog.queue();
        List<StreamState> picked = CommitPicker.pick(queue, catalog.all(), System.nanoTime(), options, budget);
        try {
            commitInGroups(picked);
        } finally {
            queue.requeue(picked);
        }
    }

    private void commitInGroups(List<StreamState> picked) throws StoreException, InterruptedException {
        List<Callable<Void>> work = new ArrayList<>();
        for (int from = 0; from < picked.size(); from += COMMIT_GROUP) {
            List<StreamState> group = picked.subList(from, Math.min(picked.size(), from + COMMIT_GROUP));
            work.add(() -> {
                commits.tryCommitAll(group);
                return null;
            });
        }
        StoreException failure = null;
        for (Future<Void> f : groups.invokeAll(work)) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof StoreException se
                            ? se
                            : new StoreException(
                                    ErrorCode.IO_ERROR, "commit failed [error=" + e.getCause() + "]", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the rounds (the store's close commits what is left). */
    @Override
    public void close() throws InterruptedException {
        // no interrupt: one reaching a thread inside FileChannel I/O would close the store's files
        isClosed = true;
        wake();
        rounds.join(TimeUnit.SECONDS.toMillis(30));
        groups.shutdown();
        groups.awaitTermination(30, TimeUnit.SECONDS);
    }
}
