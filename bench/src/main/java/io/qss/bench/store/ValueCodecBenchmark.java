// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.codec.ValueCodec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: encode and decode one 512-value leaf of a uPMU voltage channel with each value codec. Run with
 * {@code java -cp 'bench/target/qss-bench.jar:bench/target/lib/*' org.openjdk.jmh.Main ValueCodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@OperationsPerInvocation(ValueCodecBenchmark.LEAF)
public class ValueCodecBenchmark {

    static final int LEAF = 512;

    @Param({"1", "2", "4"})
    int mode;

    private final double[] values = new double[LEAF];
    private final double[] decoded = new double[LEAF];
    private final long[] scratch = new long[LEAF];
    private final ByteSink sink = new ByteSink(LEAF * 10);
    private byte[] encoded;
    private int encodedSize;

    @Setup
    public void setUp() {
        long[] times = new long[LEAF];
        new UpmuSignal(UpmuSignal.Kind.VOLTAGE_MAGNITUDE, 1).fill(0, LEAF, times, values);
        sink.clear();
        ValueCodec.encode(mode, values, 0, LEAF, sink, scratch);
        encodedSize = sink.size();
        encoded = Arrays.copyOf(sink.array(), encodedSize + 16);
    }

    @Benchmark
    public int encode() {
        sink.clear();
        ValueCodec.encode(mode, values, 0, LEAF, sink, scratch);
        return sink.size();
    }

    @Benchmark
    public double decode() {
        ValueCodec.decode(new ByteSource(encoded, 0, encodedSize), decoded, LEAF, scratch);
        return decoded[LEAF - 1];
    }
}
