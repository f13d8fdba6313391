// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.dat;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatDecoder;
import io.qss.dat.DatException;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecord;
import io.qss.dat.DatRecordHandler;
import io.qss.dat.DatStream;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput over {@link DatFileSet} (one operation = the whole set, about 13 MB). {@code sinkColumns}
 * is what a storage sink does: every sample time and every value of every stream copied into reusable
 * long[]/double[] buffers. {@code scanRecords} only validates and walks records, the decoder's floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DatDecodeBenchmark {
    private final DatDecoder decoder = DatCodecs.decoder();
    private DatFileSet set;
    private ColumnSink sink;

    @Setup
    public void setUp() {
        set = new DatFileSet();
        sink = new ColumnSink();
    }

    @Benchmark
    public void sinkColumns(Blackhole blackhole) {
        for (byte[] file : set.files) {
            blackhole.consume(decoder.decode(file, "bench.dat", sink));
        }
        blackhole.consume(sink.checksum);
    }

    @Benchmark
    public void sinkColumnsFromStream(Blackhole blackhole) throws DatException {
        // The InputStream path (files, sockets) goes through the decoder's refilled buffer.
        for (byte[] file : set.files) {
            blackhole.consume(decoder.decode(new ByteArrayInputStream(file), "bench.dat", sink));
        }
        blackhole.consume(sink.checksum);
    }

    @Benchmark
    public void scanRecords(Blackhole blackhole) {
        for (byte[] file : set.files) {
            blackhole.consume(decoder.decode(file, "bench.dat", record -> blackhole.consume(record.startNanos())));
        }
    }

    @Benchmark
    public void perSampleAccessors(Blackhole blackhole) {
        for (byte[] file : set.files) {
            blackhole.consume(decoder.decode(file, "bench.dat", record -> {
                double sum = 0;
                for (DatStream stream : DatStream.streams(record.isExtended())) {
                    for (int i = 0; i < DatFormat.SAMPLES_PER_RECORD; i++) {
                        sum += record.value(stream, i);
                    }
                }
                blackhole.consume(sum + record.timeNanos(119));
            }));
        }
    }

    /** Copies each record into per-stream batch buffers, as a storage writer batching one second would. */
    static final class ColumnSink implements DatRecordHandler {
        private final long[] times = new long[DatFormat.SAMPLES_PER_RECORD];
        private final double[][] values = new double[DatStream.EXTENDED_COUNT][DatFormat.SAMPLES_PER_RECORD];
        long checksum;

        @Override
        public void onRecord(DatRecord record) {
            record.copyTimes(times, 0);
            for (DatStream stream : DatStream.streams(record.isExtended())) {
                record.copyValues(stream, values[stream.ordinal()], 0);
            }
            checksum += times[119] + (long) values[0][119];
        }
    }
}
