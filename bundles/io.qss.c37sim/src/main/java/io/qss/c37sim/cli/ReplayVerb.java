// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.replay.Capture;
import io.qss.c37sim.replay.CaptureReplayer;
import io.qss.c37sim.replay.CapturedFrame;
import io.qss.c37sim.replay.UdpPusher;
import io.qss.c37sim.server.FrameServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** {@code qss-c37 replay}: serves a capture's C37.118 frames over TCP, or pushes them over UDP. */
final class ReplayVerb implements Verb {

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "serve the C37.118 frames of a pcap capture over TCP (or push them over UDP)";
    }

    @Override
    public String help() {
        return """
                Usage: qss-c37 replay FILE.pcap [--port P] [--host H] [--speed X] [--duration S]
                       qss-c37 replay FILE.pcap --udp HOST:PORT [--speed X]

                Reads the C37.118 frames of a classic libpcap capture (TCP streams put back in order, UDP
                datagrams) and plays the PMU that sent them. Over TCP (default port 4712): a client's commands name
                a stream by IDCODE (a capture of one stream serves it whatever the IDCODE); CFG-1/2/3 and header
                requests are answered with the capture's frames; "turn on" replays the data frames (and any
                configuration frames between them) in order, at the capture's pace. The frames are sent exactly as
                captured, bad CRCs included. The connection stays open after the last frame.
                With --udp: sends every frame of every stream (configuration frames first, as captured) to
                HOST:PORT, one per datagram, at the capture's pace, and exits.

                Options:
                  --port P          TCP port to listen on (default 4712; 0 = any free port)
                  --host H          address to listen on (default all interfaces)
                  --udp HOST:PORT   push over UDP instead of serving TCP
                  --speed X         pace: 1 = as captured (default), 10 = ten times faster, 0 = as fast as possible
                  --duration S      stop serving after S seconds (default: until Ctrl-C)
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) throws Exception {
        Path file = null;
        int port = 4712;
        String host = null;
        InetSocketAddress udp = null;
        double speed = 1;
        int duration = 0;
        Arguments a = new Arguments(args);
        while (a.hasNext()) {
            String word = a.next();
            switch (word) {
                case "--port" -> port = a.intValue(word, 0, 65535);
                case "--host" -> host = a.value(word);
                case "--udp" -> udp = a.address(word);
                case "--speed" -> speed = speed(a.doubleValue(word));
                case "--duration" -> duration = a.intValue(word, 0, Integer.MAX_VALUE);
                default -> {
                    if (word.startsWith("--") || file != null) {
                        throw new UsageException("unknown option or second file [argument=" + word + "]");
                    }
                    file = Path.of(word);
                }
            }
        }
        if (file == null) {
            throw new UsageException("no capture file given");
        }
        Capture capture = Capture.read(file);
        out.println("qss-c37 replay: " + file + ": " + describe(capture));
        if (udp != null) {
            long sent = UdpPusher.push(capture.all(), udp, speed, () -> stopped(stop));
            out.println("qss-c37 replay: " + sent + " frame(s) sent over UDP to " + udp);
            return 0;
        }
        InetSocketAddress listen = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        CaptureReplayer replayer = new CaptureReplayer(capture, speed, err);
        try (FrameServer server = new FrameServer(listen, replayer, err)) {
            out.println("qss-c37 replay: serving on TCP port " + server.port() + " at speed " + speed);
            out.flush();
            stop.await(duration > 0 ? duration * 1000L : Long.MAX_VALUE);
            out.println("qss-c37 replay: " + replayer.framesSent() + " frame(s) sent");
        }
        return 0;
    }

    private static boolean stopped(StopSignal stop) {
        try {
            return stop.await(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static double speed(double value) throws UsageException {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UsageException("speed must be 0 or more [speed=" + value + "]");
        }
        return value;
    }

    private static String describe(Capture capture) {
        StringBuilder text = new StringBuilder();
        for (int idcode : capture.idcodes()) {
            List<CapturedFrame> frames = capture.stream(idcode);
            long data = frames.stream()
                    .filter(f -> f.frame().type() == FrameType.DATA)
                    .count();
            text.append(text.length() == 0 ? "" : "; ")
                    .append("IDCODE ")
                    .append(idcode)
                    .append(": ")
                    .append(data)
                    .append(" data frame(s), ")
                    .append(frames.size() - data)
                    .append(" other");
        }
        return text.toString();
    }
}
