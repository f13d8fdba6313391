// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeReader#windows} walks the tree once for all windows; the per-window walk it replaced (one
 * {@link TreeReader#rangeStats} from the root per window) is the oracle. Random trees, random window grids and
 * depths; the seed is printed (rerun one with {@code -Dqss.seed=...}).
 */
class WindowsOneWalkTest {

    private static final long BASE = 1_500_000_000_000_000_000L;

    @Test
    void givenRandomTreesAndGrids_whenWindowsInOneWalk_thenIdenticalToWindowByWindow() throws StoreException {
        long seed = Long.getLong("qss.seed", System.nanoTime());
        System.out.println("WindowsOneWalkTest seed=" + seed);
        Random random = new Random(seed);
        TreeReader reader = new TreeReader(noLoads(), noLoads());
        for (int tree = 0; tree < 40; tree++) {
            Core root = randomTree(random);
            for (int query = 0; query < 60; query++) {
                long span = 1L << (4 + random.nextInt(36));
                long start = BASE - span / 4 + (long) (random.nextDouble() * span);
                long width = 1 + (long) (random.nextDouble() * span / (1 + random.nextInt(200)));
                long end = start + width * random.nextInt(300) + random.nextLong(width);
                int depth = random.nextInt(4) == 0 ? 0 : random.nextInt(40);
                String what = "seed=" + seed + " tree=" + tree + " query=" + query + " start=" + start + " width="
                        + width + " end=" + end + " depth=" + depth;
                assertEquals(
                        perWindow(reader, root, start, end, width, depth),
                        oneWalk(reader, root, start, end, width, depth),
                        what);
            }
        }
    }

    @Test
    void givenConsumerStops_whenWindows_thenNoMoreWindowsEmitted() throws StoreException {
        Core root = randomTree(new Random(7));
        List<String> got = new ArrayList<>();
        new TreeReader(noLoads(), noLoads()).windows(root, BASE, BASE + 1000, 10, 0, (t, min, mean, max, n) -> {
            got.add(t + "");
            return got.size() < 3;
        });
        assertEquals(3, got.size());
    }

    private static List<String> oneWalk(TreeReader reader, Core root, long start, long end, long width, int depth)
            throws StoreException {
        List<String> out = new ArrayList<>();
        reader.windows(root, start, end, width, depth, (t, min, mean, max, n) -> out.add(row(t, min, mean, max, n)));
        return out;
    }

    /** The walk windows() used before: one range walk from the root per window. */
    private static List<String> perWindow(TreeReader reader, Core root, long start, long end, long width, int depth)
            throws StoreException {
        List<String> out = new ArrayList<>();
        WindowAccumulator acc = new WindowAccumulator();
        for (long k = 0, n = (end - start) / width; k < n; k++) {
            long ws = start + k * width;
            acc.reset(ws);
            reader.rangeStats(root, ws, ws + width, depth, acc);
            out.add(row(acc.window, acc.min, acc.mean(), acc.max, acc.count));
        }
        return out;
    }

    private static String row(long t, double min, double mean, double max, long n) {
        // exact bits: the one walk must add the same summaries in the same order
        return t + " " + Double.doubleToLongBits(min) + " " + Double.doubleToLongBits(mean) + " "
                + Double.doubleToLongBits(max) + " " + n;
    }

    /** Points clustered at several time scales, so trees have cores at many levels and sparse and dense slots. */
    private static Core randomTree(Random random) throws StoreException {
        Core root = TreeWriter.emptyRoot();
        int batches = 1 + random.nextInt(6);
        for (int b = 0; b < batches; b++) {
            int n = 1 + random.nextInt(3000);
            long[] t = new long[n];
            double[] v = new double[n];
            long scale = 1L << (4 + random.nextInt(36));
            long origin = BASE + (long) (random.nextGaussian() * scale);
            for (int i = 0; i < n; i++) {
                t[i] = origin + (long) (random.nextDouble() * scale);
                v[i] = random.nextInt(5) == 0 ? random.nextGaussian() * 1e6 : random.nextInt(1000) / 10.0;
            }
            Arrays.sort(t);
            root = new TreeWriter(noLoads(), 16 + random.nextInt(200), 11 + b)
                    .insert(root, t, v, 0, n, MergePolicy.NEVER);
        }
        return root;
    }

    private static NodeSource noLoads() {
        return address -> {
            throw new AssertionError("unexpected load of block " + address);
        };
    }
}
