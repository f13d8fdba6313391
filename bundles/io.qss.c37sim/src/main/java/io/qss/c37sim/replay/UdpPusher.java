// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Sends a capture's frames spontaneously over UDP, every stream in capture order (configuration frames included, as
 * a receiver of spontaneous data needs them), one frame per datagram, at the original pace divided by the speed.
 */
public final class UdpPusher {
    private UdpPusher() {}

    /** Sends {@code frames} to {@code target}; returns the number sent, fewer when {@code stopped} turned true. */
    public static long push(List<CapturedFrame> frames, InetSocketAddress target, double speed, BooleanSupplier stopped)
            throws IOException, InterruptedException {
        long sent = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            long originNanos = System.nanoTime();
            long originMicros = frames.isEmpty() ? 0 : frames.get(0).timeMicros();
            for (CapturedFrame frame : frames) {
                if (stopped.getAsBoolean()) {
                    break;
                }
                if (speed > 0) {
                    long due = originNanos + (long) ((frame.timeMicros() - originMicros) * 1000 / speed);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                try {
                    channel.send(ByteBuffer.wrap(frame.frame().bytes()), target);
                } catch (IOException e) {
                    throw new IOException(
                            "cannot send over UDP [target=" + target + ", reason=" + e.getMessage() + "]", e);
                }
                sent++;
            }
        }
        return sent;
    }
}
