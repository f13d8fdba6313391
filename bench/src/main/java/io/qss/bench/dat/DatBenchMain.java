// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.dat;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DatDecodeBenchmark} quickly (1 fork, short iterations, one thread) and prints {@code name=value}
 * lines: {@code decode_gb_per_s} and {@code decode_samples_per_s} for the storage-sink path, plus the other
 * variants. Samples are stream values (records x 120 x streams).
 */
public final class DatBenchMain {
    private DatBenchMain() {}

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(DatDecodeBenchmark.class.getName() + ".*")
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        DatFileSet set = new DatFileSet();
        System.out.println("dat_set_files=" + set.files.size());
        System.out.println("dat_set_bytes=" + set.bytes);
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double setsPerSecond = result.getPrimaryResult().getScore();
            String prefix = name.equals("sinkColumns") ? "decode" : "decode_" + snake(name);
            System.out.printf("%s_gb_per_s=%.3f%n", prefix, setsPerSecond * set.bytes / 1e9);
            System.out.printf("%s_samples_per_s=%.0f%n", prefix, setsPerSecond * set.points);
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
