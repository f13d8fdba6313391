// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.PmuConfig;
import io.qss.c37sim.frame.RawFrame;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.Channels;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PMUs (or a PDC) that answer command frames like real ones: send CFG-1/CFG-2/CFG-3 and the header on request, start and
 * stop transmission, and stream data frames at the configured rate, aligned to the second. All PMUs share one TCP
 * port; a client addresses its PMU by the IDCODE of its commands (the first command binds the connection). With a
 * UDP target every stream also sends its data spontaneously there, with a CFG-2 first and then every minute.
 * Runs on the {@link FrameServer}'s thread; {@link #stats()} may be read from any thread.
 */
public final class PmuSimulator implements FrameHandler {
    /** Ticks further behind than this are skipped (and counted) instead of sent in a burst. */
    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private static final int UDP_CONFIG_EVERY_SECONDS = 60;
    private static final int SENT_KEPT = 1 << 16;

    /**
     * Counters for a progress line or a measurement. {@code sendLag} is how late the simulator sent its ticks' data
     * frames (the last frame of a tick, against the time the frames carry): on a busy machine the simulator itself
     * falls behind, and a latency measured from the frames' time includes that.
     */
    public record Stats(
            int clients,
            int transmitting,
            long dataFramesSent,
            long framesDropped,
            long ticksSkipped,
            long ticks,
            LagHistogram sendLag) {}

    private final SimulatorOptions options;
    private final PrintStream log;
    private final boolean isLeader;
    private final List<SimulatedStream> streams = new ArrayList<>();
    private final Map<Integer, SimulatedStream> byIdcode = new HashMap<>();
    private final DatagramChannel udp;
    private final AtomicLong dataFramesSent = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong ticksSkipped = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final LagHistogram sendLag = new LagHistogram();
    /** Tick number and send time of the last {@value #SENT_KEPT} ticks sent, by tick number modulo their count. */
    private final long[] sentTicks = new long[SENT_KEPT];

    private final long[] sentNanos = new long[SENT_KEPT];
    private volatile int clients;
    private volatile int transmitting;
    private long nextSecond = -1;
    private int nextIndex;

    public PmuSimulator(SimulatorOptions options, PrintStream log) throws IOException {
        this(options, log, true);
    }

    /**
     * A simulator of {@code options}; only a {@code leader} sends over UDP and reports configuration changes (of
     * several simulators serving one port's clients, one does).
     */
    PmuSimulator(SimulatorOptions options, PrintStream log, boolean leader) throws IOException {
        this.options = options;
        this.log = log;
        this.isLeader = leader;
        for (StreamConfig config : streamConfigs(options)) {
            SimulatedStream stream = new SimulatedStream(config, options.seed());
            streams.add(stream);
            byIdcode.put(config.idcode(), stream);
        }
        udp = options.udpTarget() == null || !leader ? null : openUdp(options.udpTarget());
    }

    /**
     * The streams {@code options} describe: one per PMU (IDCODEs from the base), or PDC streams of up to
     * {@code pmusPerPdc} PMUs, each PDC's IDCODE followed by its PMUs'.
     */
    public static List<StreamConfig> streamConfigs(SimulatorOptions options) {
        List<StreamConfig> streams = new ArrayList<>();
        int perStream = options.isPdc() ? options.pmusPerPdc() : 1;
        int idcode = options.idcodeBase();
        for (int first = 0; first < options.pmus(); first += perStream) {
            int streamIdcode = options.isPdc() ? idcode++ : idcode;
            List<PmuConfig> pmus = new ArrayList<>();
            for (int i = first; i < Math.min(options.pmus(), first + perStream); i++) {
                pmus.add(Channels.pmu(
                        String.format("SIM PMU %04d", i + 1),
                        idcode++,
                        options.format(),
                        options.phasors(),
                        options.analogs(),
                        options.digitals(),
                        options.fnom()));
            }
            streams.add(new StreamConfig(streamIdcode, options.version(), options.timeBase(), options.rate(), pmus));
        }
        return streams;
    }

    public Stats stats() {
        return new Stats(
                clients,
                transmitting,
                dataFramesSent.get(),
                framesDropped.get(),
                ticksSkipped.get(),
                ticks.get(),
                sendLag.copy());
    }

    private synchronized void keepSent(long tick, long nanos) {
        int slot = (int) (tick % SENT_KEPT);
        sentTicks[slot] = tick;
        sentNanos[slot] = nanos;
    }

    /**
     * When the data frames stamped {@code frameNanos} (epoch ns, as a receiver decodes them) were handed to the
     * sockets, epoch ns; -1 when that tick was skipped or is too old to be kept.
     */
    public synchronized long sentAt(long frameNanos) {
        long second = Math.floorDiv(frameNanos, 1_000_000_000L);
        long index = Math.round(Math.floorMod(frameNanos, 1_000_000_000L) * (double) options.rate() / 1e9);
        long tick = second * options.rate() + index;
        int slot = (int) (tick % SENT_KEPT);
        return sentTicks[slot] == tick && sentNanos[slot] != 0 ? sentNanos[slot] : -1;
    }

    /** Forgets the send lags seen so far (e.g. those of a start-up phase that is not measured). */
    public void resetSendLag() {
        sendLag.reset();
    }

    @Override
    public void connected(Connection connection) {
        clients++;
    }

    @Override
    public void disconnected(Connection connection) {
        clients--;
        unbind(connection);
    }

    @Override
    public void received(Connection connection, RawFrame frame) {
        if (frame.type() != FrameType.COMMAND) {
            return;
        }
        SimulatedStream stream = byIdcode.get(frame.idcode());
        if (stream == null) {
            log.println("qss-c37: command for an unknown IDCODE ignored [idcode=" + frame.idcode() + ", from="
                    + connection.remote() + ", first=" + streams.get(0).config().idcode() + ", streams="
                    + streams.size() + "]");
            return;
        }
        bind(connection, stream);
        Command command = Command.of(frame.commandCode());
        StreamConfig config = stream.config();
        long now = FrameServer.nowNanos() / 1_000_000_000L;
        if (command == null) {
            log.println("qss-c37: unknown command ignored [cmd=" + frame.commandCode() + ", idcode=" + frame.idcode()
                    + "]");
            return;
        }
        switch (command) {
            case TURN_ON -> transmit(connection, true);
            case TURN_OFF -> transmit(connection, false);
            case SEND_CFG1 -> connection.send(FrameEncoder.config(FrameType.CFG1, config, now, 0));
            case SEND_CFG2 -> connection.send(FrameEncoder.config(FrameType.CFG2, config, now, 0));
            case SEND_HEADER ->
                connection.send(FrameEncoder.header(config.idcode(), config.version(), now, 0, headerText(config)));
            case SEND_CFG3 -> sendConfig3(connection, config, now);
            case EXTENDED -> log.println("qss-c37: extended frame ignored [idcode=" + frame.idcode() + "]");
        }
    }

    @Override
    public long tick(long nowNanos) {
        if (nextSecond < 0) {
            startAfter(nowNanos);
        }
        while (tickNanos() <= nowNanos) {
            if (nowNanos - tickNanos() > MAX_CATCH_UP_NANOS) {
                ticksSkipped.incrementAndGet();
                if (nextIndex == 0) {
                    onSecond(nextSecond); // a configuration change is due even when its tick is skipped
                }
            } else {
                emit(nextSecond, nextIndex);
                long sent = FrameServer.nowNanos();
                sendLag.record((sent - tickNanos()) / 1_000_000);
                keepSent(nextSecond * options.rate() + nextIndex, sent);
            }
            advance();
        }
        return tickNanos();
    }

    private void startAfter(long nowNanos) {
        nextSecond = nowNanos / 1_000_000_000L;
        nextIndex = 0;
        while (tickNanos() <= nowNanos) {
            advance();
        }
        if (udp != null) {
            sendUdpConfigs(nextSecond);
        }
    }

    private long tickNanos() {
        return nextSecond * 1_000_000_000L + (long) nextIndex * 1_000_000_000L / options.rate();
    }

    private void advance() {
        if (++nextIndex == options.rate()) {
            nextIndex = 0;
            nextSecond++;
        }
    }

    private void emit(long soc, int index) {
        ticks.incrementAndGet();
        if (index == 0) {
            onSecond(soc);
        }
        int fraction = FrameTime.fraction(index, options.rate(), options.timeBase());
        int fracsec = FrameTime.fracsec(fraction, 0);
        long sent = 0;
        long dropped = 0;
        for (SimulatedStream stream : streams) {
            List<Connection> receivers = stream.receivers();
            if (receivers.isEmpty() && udp == null) {
                continue;
            }
            ByteBuffer frame = stream.dataFrame(soc, fraction, fracsec);
            for (int i = receivers.size() - 1; i >= 0; i--) { // backwards: a failed send removes its receiver
                Connection receiver = receivers.get(i);
                long droppedBefore = receiver.droppedFrames();
                receiver.send(frame);
                if (receiver.droppedFrames() != droppedBefore) {
                    dropped++;
                } else if (receiver.isOpen()) {
                    sent++;
                }
            }
            sendUdp(frame);
        }
        dataFramesSent.addAndGet(sent);
        framesDropped.addAndGet(dropped);
    }

    private void onSecond(long soc) {
        int period = options.cfgChangeSeconds();
        if (period > 0 && soc % period == 0) {
            long flagUntil = soc + Math.max(1, Math.min(60, period / 2));
            streams.forEach(s -> s.changeConfig(flagUntil));
        }
        if (period > 0 && soc % period == 0 && isLeader) {
            log.println("qss-c37: configuration changed [soc=" + soc + ", cfgcnt="
                    + streams.get(0).config().pmus().get(0).cfgcnt() + "]");
        }
        if (udp != null && soc % UDP_CONFIG_EVERY_SECONDS == 0) {
            sendUdpConfigs(soc);
        }
    }

    private void sendUdpConfigs(long soc) {
        for (SimulatedStream stream : streams) {
            sendUdp(FrameEncoder.config(FrameType.CFG2, stream.config(), soc, 0));
        }
    }

    private void sendUdp(byte[] frame) {
        sendUdp(ByteBuffer.wrap(frame));
    }

    /** Sends the frame's bytes from its position; the position is left as it was. */
    private void sendUdp(ByteBuffer frame) {
        if (udp == null) {
            return;
        }
        int start = frame.position();
        try {
            if (udp.send(frame, options.udpTarget()) == 0) {
                framesDropped.incrementAndGet();
            } else {
                dataFramesSent.incrementAndGet();
            }
        } catch (IOException e) {
            // an ICMP "port unreachable" from a receiver not yet listening: UDP has no connection to lose
            framesDropped.incrementAndGet();
        } finally {
            frame.position(start);
        }
    }

    /** CFG-3 exists from C37.118.2-2011: a version-1 PMU ignores the request, as a 2005 PMU would. */
    private void sendConfig3(Connection connection, StreamConfig config, long now) {
        if (config.version() < 2) {
            log.println("qss-c37: CFG-3 asked of a version-1 stream, ignored [idcode=" + config.idcode() + "]");
            return;
        }
        connection.send(FrameEncoder.config3(config, now, 0));
    }

    private void transmit(Connection connection, boolean on) {
        if (connection.isTransmitting() != on) {
            connection.transmitting(on);
            transmitting += on ? 1 : -1;
            List<Connection> receivers = streams.get(connection.streamIndex()).receivers();
            if (on) {
                receivers.add(connection);
            } else {
                receivers.remove(connection);
            }
        }
    }

    private void bind(Connection connection, SimulatedStream stream) {
        int index = streams.indexOf(stream);
        if (connection.streamIndex() != index) {
            unbind(connection);
            connection.streamIndex(index);
        }
    }

    private void unbind(Connection connection) {
        if (connection.streamIndex() >= 0) {
            transmit(connection, false);
            connection.streamIndex(-1);
        }
    }

    private String headerText(StreamConfig config) {
        return "qss-c37 simulator: stream " + config.idcode() + ", "
                + config.pmus().size() + " PMU(s), " + config.dataRate() + " frames/s, seed " + options.seed();
    }

    private static DatagramChannel openUdp(InetSocketAddress target) throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("cannot resolve the UDP target [host=" + target.getHostString() + "]");
        }
        DatagramChannel channel = DatagramChannel.open();
        channel.configureBlocking(false);
        return channel;
    }
}
