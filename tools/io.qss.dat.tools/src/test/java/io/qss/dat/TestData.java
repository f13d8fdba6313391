// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import io.qss.dat.tools.cli.CsvWriter;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures: synthetic files and CSV rendering. Running main regenerates the golden files (never in tests). */
final class TestData {
    static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final long GOLDEN_SEED = 42;

    private TestData() {}

    static byte[] file(long seed, boolean isExtended, int records) {
        return SyntheticDats.generator(SyntheticDatOptions.of(seed, isExtended)).generateFile(START, records);
    }

    /** Records alternating base and extended (extended when {@code r % 3 == 1}), consecutive seconds. */
    static byte[] mixedFile(long seed, int records) {
        SyntheticDat base = SyntheticDats.generator(SyntheticDatOptions.of(seed, false));
        SyntheticDat extended = SyntheticDats.generator(SyntheticDatOptions.of(seed + 1, true));
        DatEncoder encoder = DatCodecs.encoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < records; r++) {
            SyntheticDat generator = r % 3 == 1 ? extended : base;
            out.writeBytes(encoder.encode(generator.nextRecord(START + r)));
        }
        return out.toByteArray();
    }

    static String csv(DatColumns columns) {
        StringWriter out = new StringWriter();
        try {
            CsvWriter.write(columns, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/dat/v1");
        for (boolean isExtended : new boolean[] {false, true}) {
            String name = isExtended ? "extended-3" : "base-3";
            byte[] data = file(GOLDEN_SEED, isExtended, 3);
            Files.write(dir.resolve(name + ".dat"), data);
            Files.writeString(
                    dir.resolve(name + ".csv"), csv(DatCodecs.decoder().decodeColumns(data, name)));
        }
    }
}
