// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.dat;

import io.qss.dat.DatStream;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.util.ArrayList;
import java.util.List;

/** A realistic in-memory set of one-minute files: mostly base devices, some extended, as a site would send. */
final class DatFileSet {
    static final int BASE_FILES = 20;
    static final int EXTENDED_FILES = 10;
    private static final long START = 1_767_225_600L;

    final List<byte[]> files = new ArrayList<>();
    final long bytes;
    /** Stream values (points) in the set: records x 120 x streams per record. */
    final long points;

    DatFileSet() {
        long totalBytes = 0;
        long totalPoints = 0;
        for (int i = 0; i < BASE_FILES + EXTENDED_FILES; i++) {
            boolean isExtended = i >= BASE_FILES;
            byte[] file = SyntheticDats.generator(SyntheticDatOptions.of(i, isExtended))
                    .generateFile(START + 60L * i, 60);
            files.add(file);
            totalBytes += file.length;
            totalPoints += 60L * 120 * DatStream.streams(isExtended).size();
        }
        bytes = totalBytes;
        points = totalPoints;
    }
}
