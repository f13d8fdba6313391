// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.DatFormat;
import io.qss.dat.DatStream;
import io.qss.dat.tools.send.SendOutcome;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.time.Duration;

/** One simulated uPMU: generates a minute file, sends it until acknowledged, repeats. Runs on its own thread. */
final class VirtualDevice implements Runnable {
    private static final int RECORDS_PER_FILE = 60;
    /** Like the device's sender, which gives up after 360 failed reconnects. */
    private static final int MAX_ATTEMPTS = 360;

    private final String serial;
    private final boolean isExtended;
    private final Args.HostPort to;
    private final long startEpochSecond;
    private final long minutes;
    private final boolean isRealtime;
    private final long seed;
    private final SimulationStats stats;

    VirtualDevice(
            int index,
            boolean isExtended,
            Args.HostPort to,
            long startEpochSecond,
            long minutes,
            boolean isRealtime,
            long seed,
            SimulationStats stats) {
        this.serial = SyntheticDat.simulatedSerial(index);
        this.isExtended = isExtended;
        this.to = to;
        this.startEpochSecond = startEpochSecond;
        this.minutes = minutes;
        this.isRealtime = isRealtime;
        this.seed = seed * 1_000_003L + index;
        this.stats = stats;
    }

    @Override
    public void run() {
        SyntheticDat generator = SyntheticDats.generator(SyntheticDatOptions.of(seed, isExtended));
        UpmuSenderOptions options = UpmuSenderOptions.of(to.host(), to.port(), serial)
                .withRetries(MAX_ATTEMPTS, Duration.ofMillis(500), Duration.ofSeconds(10));
        long pointsPerFile = (long) RECORDS_PER_FILE
                * DatFormat.SAMPLES_PER_RECORD
                * DatStream.streams(isExtended).size();
        long wallStart = System.nanoTime();
        try (UpmuSender sender = UpmuSenders.sender(options)) {
            for (long minute = 0; minute < minutes; minute++) {
                if (isRealtime) {
                    sleepUntil(wallStart + minute * 60_000_000_000L);
                }
                long fileStart = startEpochSecond + minute * 60;
                byte[] data = generator.generateFile(fileStart, RECORDS_PER_FILE);
                SendOutcome outcome = sender.send(SyntheticDat.relativePath(serial, fileStart), data);
                if (outcome.isAcked()) {
                    stats.acked(pointsPerFile, data.length);
                } else {
                    stats.failed();
                    System.err.println("device " + serial + ": " + outcome.failure());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }
}
