// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator on one or more sender threads sharing one TCP port: each thread is a {@link FrameServer} with its own
 * selector, its own clients (the kernel spreads the connections over the threads, SO_REUSEPORT) and its own
 * {@link PmuSimulator} of every stream, which sends to its own clients only and answers their commands. Every
 * simulator computes the same frames (the model is a function of time and seed), so a client cannot tell which
 * thread serves it; the first alone sends over UDP. One thread is the plain single-threaded simulator.
 * Thread-safe.
 */
public final class SimulatorGroup implements AutoCloseable {
    private static final String THREAD_NAME = "qss-c37-server";

    private final List<PmuSimulator> simulators = new ArrayList<>();
    private final List<FrameServer> servers = new ArrayList<>();

    private SimulatorGroup() {}

    /** Starts {@code threads} sender threads serving {@code options.listen()}. */
    public static SimulatorGroup start(SimulatorOptions options, int threads, PrintStream log) throws IOException {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("sender threads out of range [threads=" + threads + ", range=1..64]");
        }
        SimulatorGroup group = new SimulatorGroup();
        try {
            InetSocketAddress address = options.listen();
            for (int i = 0; i < threads; i++) {
                PmuSimulator simulator = new PmuSimulator(options, log, i == 0);
                String name = i == 0 ? THREAD_NAME : THREAD_NAME + "-" + (i + 1);
                FrameServer server = new FrameServer(address, simulator, log, threads > 1, name);
                group.simulators.add(simulator);
                group.servers.add(server);
                // the first bound any free port when asked for port 0: the others share the one it got
                address = new InetSocketAddress(address.getAddress(), server.port());
            }
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
        return group;
    }

    /** The port clients connect to. */
    public int port() {
        return servers.get(0).port();
    }

    public int threads() {
        return servers.size();
    }

    /**
     * The counters of all threads added up. Ticks, skipped ticks and the send lag count per thread: a tick that
     * two threads sent counts twice, each with its own lag.
     */
    public PmuSimulator.Stats stats() {
        int clients = 0;
        int transmitting = 0;
        long sent = 0;
        long dropped = 0;
        long skipped = 0;
        long ticks = 0;
        LagHistogram lag = new LagHistogram();
        for (PmuSimulator simulator : simulators) {
            PmuSimulator.Stats s = simulator.stats();
            clients += s.clients();
            transmitting += s.transmitting();
            sent += s.dataFramesSent();
            dropped += s.framesDropped();
            skipped += s.ticksSkipped();
            ticks += s.ticks();
            lag.add(s.sendLag());
        }
        return new PmuSimulator.Stats(clients, transmitting, sent, dropped, skipped, ticks, lag);
    }

    /** Each thread's own counters, in thread order. */
    public List<PmuSimulator.Stats> statsPerThread() {
        return simulators.stream().map(PmuSimulator::stats).toList();
    }

    /**
     * When the last thread handed the data frames stamped {@code frameNanos} to its sockets, epoch ns; -1 when no
     * thread sent that tick or it is too old to be kept.
     */
    public long sentAt(long frameNanos) {
        long latest = -1;
        for (PmuSimulator simulator : simulators) {
            latest = Math.max(latest, simulator.sentAt(frameNanos));
        }
        return latest;
    }

    /** Forgets the send lags seen so far. */
    public void resetSendLag() {
        simulators.forEach(PmuSimulator::resetSendLag);
    }

    /** Frames received with a CRC that did not match. */
    public long badFrames() {
        return servers.stream().mapToLong(FrameServer::badFrames).sum();
    }

    /** Stops every thread and closes every connection. */
    @Override
    public void close() {
        for (FrameServer server : servers) {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
