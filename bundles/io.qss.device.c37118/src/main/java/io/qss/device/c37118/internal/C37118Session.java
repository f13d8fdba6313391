// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.ProtocolSession;
import io.qss.device.c37118.internal.frame.Commands;
import io.qss.device.c37118.internal.frame.ConfigFrame;
import io.qss.device.c37118.internal.frame.ConfigParser;
import io.qss.device.c37118.internal.frame.DataDecoder;
import io.qss.device.c37118.internal.frame.FrameFormatException;
import io.qss.device.c37118.internal.frame.FrameScanner;
import io.qss.device.c37118.internal.frame.FrameType;
import io.qss.device.c37118.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live C37.118 PMU or PDC: asks for CFG-2 and for data, decodes what arrives with the last configuration, appends
 * the samples by stream key and asks again when the device signals a configuration change (STAT bit 10, or a CFG-1
 * whose CFGCNT differs). The last CFG-2/CFG-3 frame is kept through {@link DeviceContext#saveState}, so a session
 * that takes over an open connection decodes at once. Called by one thread at a time; not thread-safe.
 */
final class C37118Session implements ProtocolSession {

    static final long CONFIG_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger LOG = LoggerFactory.getLogger(C37118Session.class);
    private static final int DEFAULT_VERSION = 1;
    private static final long NEVER = Long.MIN_VALUE;

    private final DeviceContext context;
    private final C37118Settings settings;
    private final FrameScanner scanner = new FrameScanner();
    private ActiveConfig active;
    private long configRequestedAt = NEVER;
    private long lastDataAt = NEVER;
    private boolean isConfigChangeFlagged;
    private boolean isTransmitting;
    private DeviceStatus status;
    private long valid;
    private long invalid;

    C37118Session(DeviceContext context, C37118Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void connected() throws DeviceException {
        if (active == null) {
            active = restoredConfig();
        }
        if (settings.isUdp()) {
            report(DeviceStatus.CONNECTED, "listening on UDP port " + settings.port());
            return;
        }
        requestConfig(System.nanoTime());
        if (active != null) {
            turnOn();
        }
    }

    @Override
    public void received(ByteBuffer in) throws DeviceException {
        int callStart = in.position();
        long badBefore = scanner.badFrames();
        try {
            for (int size = scanner.next(in); size > 0; size = scanner.next(in)) {
                int start = in.position();
                frame(in, start, size);
                in.position(start + size);
            }
            if (settings.isUdp()) {
                scanner.discard(in);
            }
            if (active != null) {
                active.batch().flushTo(context.sink());
            }
        } catch (DeviceException e) {
            if (e.code() == DeviceErrorCode.SINK_FAILED) {
                in.position(callStart); // the manager offers these bytes again; the sink replaces equal times
                valid = 0;
                invalid = 0;
            } else {
                keepDecoded(e);
            }
            throw e;
        }
        context.countFrames(valid, invalid + scanner.badFrames() - badBefore);
        valid = 0;
        invalid = 0;
    }

    @Override
    public void tick(long nowNanos) throws DeviceException {
        if (configRequestedAt != NEVER && nowNanos - configRequestedAt >= CONFIG_RETRY_NANOS) {
            requestConfig(nowNanos);
        }
        if (isTransmitting && nowNanos - lastDataAt >= SILENCE_NANOS) {
            report(
                    DeviceStatus.CONNECTED,
                    "no data frame for " + TimeUnit.NANOSECONDS.toSeconds(nowNanos - lastDataAt)
                            + " s; asked to send again");
            lastDataAt = nowNanos;
            turnOn();
        }
    }

    @Override
    public void disconnected(String reason) {
        isTransmitting = false;
        configRequestedAt = NEVER;
        lastDataAt = NEVER;
        status = null;
    }

    @Override
    public void close() {
        if (active != null) {
            active.batch().clear();
        }
    }

    /** Appends what was decoded before {@code failure} (e.g. a command that could not be sent), as it is consumed. */
    private void keepDecoded(DeviceException failure) {
        try {
            if (active != null) {
                active.batch().flushTo(context.sink());
            }
        } catch (DeviceException e) {
            failure.addSuppressed(e);
        }
    }

    private void frame(ByteBuffer in, int start, int size) throws DeviceException {
        FrameType type = Frames.type(in, start);
        if (Frames.idcode(in, start) != settings.idcode() && type != FrameType.COMMAND) {
            invalid++;
            return;
        }
        switch (type) {
            case DATA -> data(in, start, size);
            case CFG1, CFG2, CFG3 -> config(in, start, size, type);
            case HEADER, COMMAND -> valid++;
        }
    }

    private void data(ByteBuffer in, int start, int size) throws DeviceException {
        long now = System.nanoTime();
        if (active == null || active.decoder().frameSize() != size) {
            invalid++;
            requestConfigOnce(now);
            return;
        }
        DataDecoder decoder = active.decoder();
        SampleBatch batch = active.batch();
        decoder.decode(in, start, batch.row(), 0);
        batch.addRow(decoder.timeNanos(in, start));
        valid++;
        lastDataAt = now;
        // PMUs may keep STAT bit 10 set for a minute after a change: ask once when it rises, not on every frame.
        boolean isChangeFlagged = decoder.isConfigChangeFlagged(in, start);
        if (isChangeFlagged && !isConfigChangeFlagged) {
            requestConfigOnce(now);
        }
        isConfigChangeFlagged = isChangeFlagged;
        if (status != DeviceStatus.RECEIVING) {
            ConfigFrame config = decoder.config();
            report(
                    DeviceStatus.RECEIVING,
                    config.pmus().size() + " PMU(s), "
                            + (config.dataRate() > 0
                                    ? config.dataRate() + " frames/s"
                                    : "1 frame every " + -config.dataRate() + " s"));
        }
    }

    private void config(ByteBuffer in, int start, int size, FrameType type) throws DeviceException {
        ConfigFrame config;
        try {
            config = ConfigParser.parse(in, start);
        } catch (FrameFormatException e) {
            invalid++;
            LOG.warn("C37.118 configuration frame refused [device={}, reason={}]", settings.deviceId(), e.getMessage());
            return;
        }
        valid++;
        if (type == FrameType.CFG1) {
            if (active != null && !active.decoder().config().isSameRevision(config)) {
                requestConfigOnce(System.nanoTime());
            }
            return;
        }
        byte[] bytes = new byte[size];
        in.get(start, bytes);
        if (active == null || !isSameContent(active.frame(), bytes)) {
            apply(new ActiveConfig(config, bytes));
        }
        configRequestedAt = NEVER;
        if (!isTransmitting) {
            turnOn();
        }
    }

    private void apply(ActiveConfig next) throws DeviceException {
        if (active != null) {
            active.batch().flushTo(context.sink());
        }
        context.declareStreams(next.layout().streams());
        context.saveState(next.frame());
        active = next;
        LOG.info(
                "C37.118 configuration applied [device={}, pmus={}, streams={}, rate={}]",
                settings.deviceId(),
                next.decoder().config().pmus().size(),
                next.layout().size(),
                next.decoder().config().dataRate());
    }

    private ActiveConfig restoredConfig() {
        byte[] state = context.loadState();
        if (state.length < Frames.MIN_SIZE) {
            return null;
        }
        ByteBuffer frame = ByteBuffer.wrap(state);
        try {
            if (Frames.size(frame, 0) != state.length || !Frames.isCrcGood(frame, 0, state.length)) {
                throw new FrameFormatException("kept configuration frame damaged [bytes=" + state.length + "]");
            }
            return new ActiveConfig(ConfigParser.parse(frame, 0), state);
        } catch (FrameFormatException e) {
            LOG.warn("C37.118 kept configuration ignored [device={}, reason={}]", settings.deviceId(), e.getMessage());
            return null;
        }
    }

    private void requestConfigOnce(long now) throws DeviceException {
        if (configRequestedAt == NEVER) {
            requestConfig(now);
        }
    }

    private void requestConfig(long now) throws DeviceException {
        configRequestedAt = now;
        send(Commands.SEND_CFG2);
        if (active == null) {
            report(DeviceStatus.CONNECTED, "waiting for the configuration frame (CFG-2)");
        }
    }

    private void turnOn() throws DeviceException {
        send(Commands.TURN_ON);
        isTransmitting = true;
        if (lastDataAt == NEVER) {
            lastDataAt = System.nanoTime(); // silence counts from the request on
        }
    }

    private void send(int command) throws DeviceException {
        int version = active == null
                ? DEFAULT_VERSION
                : Math.min(2, active.decoder().config().version());
        long nowMillis = System.currentTimeMillis();
        try {
            context.send(Commands.encode(settings.idcode(), command, version, nowMillis / 1000, 0));
        } catch (DeviceException e) {
            if (!settings.isUdp()) {
                throw e;
            }
            // A UDP device may not listen for commands; its data still counts.
            report(DeviceStatus.CONNECTED, "command not sent [command=" + command + ", reason=" + e.getMessage() + "]");
        }
    }

    /** Whether two configuration frames say the same, whatever their time stamps (each answer carries a new one). */
    private static boolean isSameContent(byte[] kept, byte[] received) {
        return kept.length == received.length
                && Arrays.equals(kept, 0, 4, received, 0, 4)
                && Arrays.equals(
                        kept, Frames.HEADER_SIZE, kept.length - 2, received, Frames.HEADER_SIZE, received.length - 2);
    }

    private void report(DeviceStatus next, String detail) {
        status = next;
        context.updateStatus(next, detail);
    }

    /** The configuration in force: its frame as received, its decoder, streams and batch. */
    private record ActiveConfig(byte[] frame, DataDecoder decoder, StreamLayout layout, SampleBatch batch) {

        ActiveConfig(ConfigFrame config, byte[] frame) {
            this(frame, new DataDecoder(config), StreamLayout.of(config));
        }

        private ActiveConfig(byte[] frame, DataDecoder decoder, StreamLayout layout) {
            this(frame, decoder, layout, new SampleBatch(layout));
        }
    }
}
