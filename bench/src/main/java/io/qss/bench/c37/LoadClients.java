// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameReader;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many C37.118 clients on one thread, for measuring a simulator: each connects, asks for CFG-2, turns transmission
 * on, then counts data frames, frames with a bad CRC and the lag from a frame's time stamp to its arrival. Not
 * thread-safe: run and read it on one thread.
 */
final class LoadClients implements AutoCloseable {

    private static final class Client {
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        final FrameReader reader = new FrameReader();
    }

    private final Selector selector = Selector.open();
    private final List<Long> lagsMicros = new ArrayList<>();
    private long dataFrames;
    private long badFrames;
    private long configFrames;

    /** Opens one connection to {@code address} per stream IDCODE of {@code idcodes}. */
    LoadClients(InetSocketAddress address, List<Integer> idcodes) throws IOException {
        for (int i = 0; i < idcodes.size(); i++) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.connect(address);
            } catch (IOException e) {
                channel.close();
                throw new IOException(
                        "cannot connect [address=" + address + ", client=" + i + ", reason=" + e.getMessage() + "]", e);
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            long soc = Instant.now().getEpochSecond();
            write(channel, FrameEncoder.command(idcodes.get(i), 2, soc, 0, Command.SEND_CFG2));
            write(channel, FrameEncoder.command(idcodes.get(i), 2, soc, 0, Command.TURN_ON));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Client());
        }
    }

    private static void write(SocketChannel channel, byte[] frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads for {@code millis}. */
    void run(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            selector.select(Math.max(1, deadline - System.currentTimeMillis()));
            for (SelectionKey key : selector.selectedKeys()) {
                read(key);
            }
            selector.selectedKeys().clear();
        }
    }

    private void read(SelectionKey key) throws IOException {
        Client client = (Client) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        if (channel.read(client.buffer) < 0) {
            key.cancel();
            channel.close();
            return;
        }
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        client.buffer.flip();
        for (RawFrame frame = client.reader.next(client.buffer);
                frame != null;
                frame = client.reader.next(client.buffer)) {
            if (!frame.isCrcOk()) {
                badFrames++;
            } else if (frame.type() == FrameType.DATA) {
                dataFrames++;
                // the simulator's TIME_BASE is 10^6 unless told otherwise: the fraction is microseconds
                lagsMicros.add(nowMicros - (frame.soc() * 1_000_000 + FrameTime.fractionOf(frame.fracsec())));
            } else if (frame.type() == FrameType.CFG2) {
                configFrames++;
            }
        }
        client.buffer.compact();
    }

    long dataFrames() {
        return dataFrames;
    }

    long badFrames() {
        return badFrames;
    }

    long configFrames() {
        return configFrames;
    }

    /** Lags recorded since the last call, then forgotten. */
    List<Long> drainLags() {
        List<Long> lags = new ArrayList<>(lagsMicros);
        lagsMicros.clear();
        return lags;
    }

    @Override
    public void close() throws IOException {
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
