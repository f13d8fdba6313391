// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim;

import io.qss.dat.DatRecordData;
import io.qss.dat.DatTimestamp;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Generates realistic synthetic uPMU records: three-phase distribution-level voltages and currents 120 degrees
 * apart, angles rotated by a slowly drifting frequency around 60 Hz, noise and occasional voltage sags; extended
 * records add consistent power, power factor and frequency. The sequence is deterministic for the options'
 * seed: records must be requested in increasing time order. Not thread-safe; use one instance per device.
 */
@ProviderType
public interface SyntheticDat {

    /**
     * The record of the second {@code epochSecond}. The returned instance and its arrays are reused by the next
     * call; encode or copy it before then.
     */
    DatRecordData nextRecord(long epochSecond);

    /** {@code records} consecutive records starting at {@code startEpochSecond}, encoded as one .dat file body. */
    byte[] generateFile(long startEpochSecond, int records);

    /**
     * Where a device keeps the file starting at {@code startEpochSecond}, relative to its data root:
     * {@code YYYY/MM/DD/HH/<serial>_<YYYYMMDD>_<HHMMSS>.dat} (UTC), so paths sort chronologically per serial.
     */
    static String relativePath(String serial, long startEpochSecond) {
        DatTimestamp t = DatTimestamp.ofEpochSecond(startEpochSecond);
        String date = String.format("%04d%02d%02d", t.year(), t.month(), t.day());
        return String.format(
                "%04d/%02d/%02d/%02d/%s_%s_%02d%02d%02d.dat",
                t.year(), t.month(), t.day(), t.hour(), serial, date, t.hour(), t.minute(), t.second());
    }

    /** The serial of the {@code index}-th simulated device: {@code P} followed by 3500000 + index. */
    static String simulatedSerial(int index) {
        return "P" + (3_500_000 + index);
    }
}
