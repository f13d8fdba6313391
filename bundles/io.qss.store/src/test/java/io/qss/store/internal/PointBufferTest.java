// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PointBufferTest {

    private static long[] times(long from, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = from + i;
        }
        return t;
    }

    private static double[] values(long from, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (from + i) * 0.5;
        }
        return v;
    }

    @Test
    void givenAppendsAcrossPages_whenRead_thenEveryPointComesBackAtItsPosition() {
        PointBuffer buffer = new PointBuffer(new PointPages());
        List<long[]> at = new ArrayList<>();
        long next = 0;
        for (int n : new int[] {1, 255, 256, 257, 3, 1000, 7200}) {
            long position = buffer.append(times(next, n), values(next, n), 0, n);
            assertEquals(next, position);
            at.add(new long[] {position, n});
            next += n;
        }
        for (long[] batch : at) {
            int n = (int) batch[1];
            long[] t = new long[n + 2];
            double[] v = new double[n + 2];
            buffer.read(batch[0], n, t, v, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(batch[0] + i, t[i + 2]);
                assertEquals((batch[0] + i) * 0.5, v[i + 2]);
            }
        }
    }

    @Test
    void givenPagesReleased_whenReadBelowTheRelease_thenReleasedAndTheRestStillReads() {
        PointPages pages = new PointPages();
        PointBuffer buffer = new PointBuffer(pages);
        buffer.append(times(0, 1000), values(0, 1000), 0, 1000);
        long before = pages.usedBytes();

        buffer.releaseBefore(600);

        assertThrows(PointBuffer.Released.class, () -> buffer.read(0, 10, new long[10], new double[10], 0));
        assertThrows(PointBuffer.Released.class, () -> buffer.read(599, 1, new long[1], new double[1], 0));
        long[] t = new long[400];
        buffer.read(600, 400, t, new double[400], 0);
        assertArrayEquals(times(600, 400), t);
        assertEquals(before - 2 * 4096, pages.usedBytes()); // pages 0 and 1 (points 0-511) went back
    }

    @Test
    void givenEverythingReleased_whenAppendedAgain_thenAFreshPageIsUsedAndTheMemoryReused() {
        PointPages pages = new PointPages();
        PointBuffer buffer = new PointBuffer(pages);
        buffer.append(times(0, 300), values(0, 300), 0, 300);

        buffer.releaseBefore(buffer.end());
        assertEquals(0, pages.usedBytes());
        long position = buffer.append(times(5, 10), values(5, 10), 0, 10);

        assertEquals(512, position);
        long[] t = new long[10];
        buffer.read(position, 10, t, new double[10], 0);
        assertArrayEquals(times(5, 10), t);
        assertEquals(pages.allocatedBytes(), 2048L * 4096);
    }

    @Test
    void givenReadersDuringAppendsAndReleasesOfManyBuffers_whenRead_thenPointsAreRightOrReleasedNeverWrong()
            throws InterruptedException {
        long seed = System.nanoTime();
        System.out.println("PointBufferTest seed=" + seed);
        Random random = new Random(seed);
        PointPages pages = new PointPages();
        int buffers = 8;
        PointBuffer[] all = new PointBuffer[buffers];
        AtomicLong[] readable = new AtomicLong[buffers];
        AtomicLong[] released = new AtomicLong[buffers];
        for (int b = 0; b < buffers; b++) {
            all[b] = new PointBuffer(pages);
            readable[b] = new AtomicLong();
            released[b] = new AtomicLong();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long readerSeed = random.nextLong();
            Thread reader = new Thread(() -> {
                Random own = new Random(readerSeed);
                long[] t = new long[2000];
                double[] v = new double[2000];
                while (!stop.get()) {
                    int b = own.nextInt(buffers);
                    long from = released[b].get();
                    long to = readable[b].get();
                    if (to <= from) {
                        continue;
                    }
                    long position = from + (long) (own.nextDouble() * (to - from));
                    int n = (int) Math.min(to - position, 1 + own.nextInt(2000));
                    try {
                        all[b].read(position, n, t, v, 0);
                        for (int i = 0; i < n; i++) {
                            // every buffer holds its position as time and value, offset by its number
                            if (t[i] != position + i + b * 1_000_000_000L || v[i] != t[i]) {
                                wrong.compareAndSet(null, "buffer=" + b + ", position=" + (position + i));
                            }
                        }
                        reads.incrementAndGet();
                    } catch (PointBuffer.Released e) {
                        // a release overtook the read: allowed, never a wrong point
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int round = 0; round < 20_000; round++) {
            int b = random.nextInt(buffers);
            PointBuffer buffer = all[b];
            if (random.nextInt(5) == 0) {
                long to = random.nextBoolean()
                        ? buffer.end()
                        : released[b].get() + (long) (random.nextDouble() * (readable[b].get() - released[b].get()));
                released[b].set(Math.max(released[b].get(), to));
                buffer.releaseBefore(to);
                if (to == readable[b].get()) {
                    readable[b].set(buffer.end());
                    released[b].set(buffer.end());
                }
            } else {
                int n = 1 + random.nextInt(600);
                long start = buffer.end();
                long[] t = new long[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = start + i + b * 1_000_000_000L;
                    v[i] = t[i];
                }
                buffer.append(t, v, 0, n);
                readable[b].set(buffer.end());
            }
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(null, wrong.get(), "wrong point read [seed=" + seed + "]");
        assertTrue(reads.get() > 0, "no read completed [seed=" + seed + "]");
    }
}
