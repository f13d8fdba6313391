// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one device's tasks in order, one at a time, on a shared pool: a session is never called twice at once, and
 * thousands of devices share a few threads. After a batch of tasks it yields the thread to other devices.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int TASKS_PER_TURN = 32;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean isScheduled = new AtomicBoolean();

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (isScheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::runTurn);
            } catch (RejectedExecutionException e) {
                // the manager is shutting down; the remaining tasks are dropped with it
                isScheduled.set(false);
            }
        }
    }

    private void runTurn() {
        for (int i = 0; i < TASKS_PER_TURN; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("device task failed; the device's next tasks run", e);
            }
        }
        isScheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
