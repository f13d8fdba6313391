// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.dat.DatFormat;
import io.qss.dat.DatStream;
import io.qss.dat.DatSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the source holds for one device, counted while its files are migrated or verified: distinct files, records,
 * sample times and the files that did not decode cleanly. Points count one value per stream and sample: 13 streams
 * per base record, 19 per extended one when the device is configured extended (a base device keeps 13). Not
 * thread-safe.
 */
final class DeviceTally {

    static final int MAX_LISTED = 20;

    private final String serial;
    private int files;
    private long records;
    private long extendedRecords;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private int failedFiles;
    private final List<String> failures = new ArrayList<>();

    DeviceTally(String serial) {
        this.serial = serial;
    }

    /** Counts one distinct file and how it decoded. */
    void add(String name, DatSummary summary) {
        files++;
        records += summary.records();
        extendedRecords += summary.extendedRecords();
        if (summary.records() > 0) {
            firstNanos = Math.min(firstNanos, summary.firstNanos());
            lastNanos = Math.max(lastNanos, summary.lastNanos());
        }
        if (summary.records() == 0 || !summary.isClean()) {
            failedFiles++;
            if (failures.size() < MAX_LISTED) {
                String why = summary.errors().isEmpty()
                        ? "no valid record"
                        : summary.errors().get(0).toString();
                failures.add(name + ": "
                        + (summary.records() == 0 ? "" : "partly decoded (" + summary.records() + " records kept): ")
                        + why
                        + (summary.errors().size() > 1
                                ? " (+" + (summary.errors().size() - 1) + " more)"
                                : ""));
            }
        }
    }

    String serial() {
        return serial;
    }

    int files() {
        return files;
    }

    /** Samples per stream: 120 per record. */
    long samples() {
        return records * DatFormat.SAMPLES_PER_RECORD;
    }

    /** Points over all streams of a device configured {@code isExtended}. */
    long points(boolean isExtended) {
        int extra = DatStream.EXTENDED_COUNT - DatStream.BASE_COUNT;
        return samples() * DatStream.BASE_COUNT
                + (isExtended ? extendedRecords * DatFormat.SAMPLES_PER_RECORD * extra : 0);
    }

    /** The first sample's time; null when no file decoded. */
    Instant first() {
        return records == 0 ? null : instant(firstNanos);
    }

    /** The last sample's time; null when no file decoded. */
    Instant last() {
        return records == 0 ? null : instant(lastNanos);
    }

    int failedFiles() {
        return failedFiles;
    }

    /** Up to {@value #MAX_LISTED} files that did not decode cleanly, with why. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
