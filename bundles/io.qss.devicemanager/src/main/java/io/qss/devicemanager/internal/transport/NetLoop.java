// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread for the sockets of every live device, with its own timers (reconnect delays, connect
 * timeouts). Links run on this thread only: other threads hand them work through {@link #execute}. One thread
 * carries thousands of devices because the handlers only copy bytes out and never block.
 *
 * <p>Rounds are paced: after a round that read bytes, the next one starts no sooner than the read interval after it
 * began, unless a link stopped reading at its share of the round with more waiting. A device sending 60 frames a second then has about
 * three frames waiting per read instead of one, which saves a system call and a wake-up per frame; with a thousand
 * devices most of the loop's time was the kernel's. Frames wait at most the interval more, which is small beside the
 * store's flush interval.
 */
public final class NetLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Selector selector;
    private final long roundNanos;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private long timerSequence;
    private volatile Runnable roundEnd = () -> {};
    private volatile boolean isRunning = true;
    private boolean hasRead;
    private boolean isBacklogged;

    /**
     * Opens the selector and starts its thread, named {@code threadName}; rounds that find work start at least
     * {@code readIntervalMillis} apart (0: at once).
     */
    public NetLoop(String threadName, long readIntervalMillis) throws IOException {
        selector = Selector.open();
        roundNanos = TimeUnit.MILLISECONDS.toNanos(readIntervalMillis);
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop's thread, soon. Tasks handed in after {@link #close()} are dropped. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code hook} on the loop's thread after each round of ready keys (to hand on what the round collected). */
    public void onRoundEnd(Runnable hook) {
        roundEnd = hook;
    }

    /** True on the loop's own thread. */
    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread and closes every channel still registered; waits up to 5 s for the thread to end. */
    @Override
    public void close() {
        isRunning = false;
        selector.wakeup();
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Selector selector() {
        return selector;
    }

    /** The buffer handlers read into; valid on the loop's thread only, and only until the handler returns. */
    ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    /** A link read bytes this round: the next round waits for the read interval (see the class comment). */
    void read() {
        hasRead = true;
    }

    /** A link stopped reading at its share of this round with more waiting: the next round starts at once. */
    void backlogged() {
        isBacklogged = true;
    }

    /** Runs {@code task} on the loop's thread after {@code delayMillis}; call on the loop's thread. */
    Timer schedule(long delayMillis, Runnable task) {
        Timer timer = new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    private void run() {
        try {
            while (isRunning) {
                long roundStart = System.nanoTime();
                hasRead = false;
                isBacklogged = false;
                selector.select(millisToNextTimer());
                runTasks();
                runDueTimers();
                handleSelectedKeys();
                runSafely(roundEnd);
                pace(roundStart);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("device network loop failed; live devices stop receiving [thread={}]", thread.getName(), e);
        } finally {
            closeAll();
        }
    }

    /** After a round that read, sleeps out what is left of the read interval unless a link has more to read. */
    private void pace(long roundStart) {
        long rest = roundNanos - (System.nanoTime() - roundStart);
        if (rest > 0 && isRunning && hasRead && !isBacklogged) {
            LockSupport.parkNanos(rest);
        }
    }

    private long millisToNextTimer() {
        Timer next = timers.peek();
        if (!tasks.isEmpty()) {
            return 1;
        }
        if (next == null) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.dueNanos - System.nanoTime()) + 1);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            Timer timer = timers.poll();
            if (!timer.isCancelled) {
                runSafely(timer.task);
            }
        }
    }

    private void handleSelectedKeys() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid() && key.attachment() instanceof BaseLink link) {
                runSafely(() -> link.ready(key));
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("device network task failed; the loop goes on", e);
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof BaseLink link) {
                link.closeNow();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the device selector failed", e);
        }
        tasks.clear();
        timers.clear();
    }

    /** A task due at a time; cancelled ones stay queued until due and are skipped. */
    static final class Timer implements Comparable<Timer> {

        private final long dueNanos;
        private final long sequence;
        private final Runnable task;
        private boolean isCancelled;

        private Timer(long dueNanos, long sequence, Runnable task) {
            this.dueNanos = dueNanos;
            this.sequence = sequence;
            this.task = task;
        }

        void cancel() {
            isCancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
