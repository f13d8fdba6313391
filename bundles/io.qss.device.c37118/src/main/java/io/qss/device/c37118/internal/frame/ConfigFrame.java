// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.util.List;

/**
 * A decoded CFG-1, CFG-2 or CFG-3 frame.
 *
 * @param type CFG1, CFG2 or CFG3
 * @param version frame version of the SYNC word
 * @param idcode the stream's id (a PDC's own id when it carries several PMUs)
 * @param timeBase TIME_BASE (low 24 bits): FRACSEC units per second, &gt; 0
 * @param pmus the PMU blocks, in data-frame order; at least one
 * @param dataRate DATA_RATE: &gt; 0 frames per second, &lt; 0 seconds per frame
 */
public record ConfigFrame(
        FrameType type,
        int version,
        int idcode,
        long soc,
        int fraction,
        int timeBase,
        List<PmuConfig> pmus,
        int dataRate) {

    public ConfigFrame {
        pmus = List.copyOf(pmus);
    }

    /** FRAMESIZE of the data frames this configuration describes. */
    public int dataFrameSize() {
        int size = Frames.MIN_SIZE;
        for (PmuConfig pmu : pmus) {
            size += pmu.dataBlockSize();
        }
        return size;
    }

    /** Whether {@code other} announces the same PMUs with the same CFGCNT each (e.g. a CFG-1 against a CFG-2). */
    public boolean isSameRevision(ConfigFrame other) {
        if (pmus.size() != other.pmus.size()) {
            return false;
        }
        for (int i = 0; i < pmus.size(); i++) {
            PmuConfig mine = pmus.get(i);
            PmuConfig theirs = other.pmus.get(i);
            if (mine.idcode() != theirs.idcode() || mine.cfgcnt() != theirs.cfgcnt()) {
                return false;
            }
        }
        return true;
    }
}
