// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.devicemanager.internal.transport.NetLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands tasks to the worker pool, but those the network loop's thread submits during one select round (one per
 * device that received bytes) are collected and handed over at the round's end as a few slices, one pool task each.
 * With a thousand devices sending 60 frames a second this turns 60,000 thread wake-ups a second into a few hundred.
 * Tasks of other threads go to the pool at once.
 */
final class RoundBatchingExecutor implements Executor {

    private static final int MIN_TASKS_PER_SLICE = 16;

    private final ExecutorService pool;
    private final NetLoop loop;
    private final int slices;
    private List<Runnable> round = new ArrayList<>();

    RoundBatchingExecutor(ExecutorService pool, NetLoop loop, int slices) {
        this.pool = pool;
        this.loop = loop;
        this.slices = slices;
    }

    @Override
    public void execute(Runnable task) {
        if (loop.isLoopThread()) {
            round.add(task);
        } else {
            pool.execute(task);
        }
    }

    /** The round ended: its tasks go to the pool; called on the loop's thread. */
    void endRound() {
        if (round.isEmpty()) {
            return;
        }
        List<Runnable> tasks = round;
        round = new ArrayList<>();
        int count = Math.max(1, Math.min(slices, tasks.size() / MIN_TASKS_PER_SLICE));
        int size = (tasks.size() + count - 1) / count;
        for (int from = 0; from < tasks.size(); from += size) {
            List<Runnable> slice = tasks.subList(from, Math.min(tasks.size(), from + size));
            try {
                pool.execute(() -> slice.forEach(Runnable::run));
            } catch (RejectedExecutionException e) {
                // shutting down: the devices' tasks end with the pool
                return;
            }
        }
    }
}
