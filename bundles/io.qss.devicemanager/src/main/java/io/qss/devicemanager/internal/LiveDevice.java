// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.log.LogThrottle;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.device.StreamSpec;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.devicemanager.internal.DeviceInbox.Inbound;
import io.qss.devicemanager.internal.transport.Backoff;
import io.qss.devicemanager.internal.transport.BaseLink;
import io.qss.devicemanager.internal.transport.LinkListener;
import io.qss.devicemanager.internal.transport.TcpLink;
import io.qss.devicemanager.internal.transport.UdpLink;
import io.qss.registry.Device;
import io.qss.registry.RegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live device: its link (kept while its type's bundle is away), its inbox, its session driver, its sink and its
 * figures. The manager calls the lifecycle methods under its lock; they only hand work to the device's serial
 * executor. The link reports on the network loop's thread. Status fields are volatile.
 */
final class LiveDevice implements LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDevice.class);
    private static final long RETRY_MILLIS = 1000;

    private final LiveEnvironment env;
    private final SerialExecutor serial;
    private final DeviceInbox inbox;
    private final LiveSink sink;
    private final FrameCounters counters = new FrameCounters();
    private final KeptState keptState;
    private final AtomicBoolean isPumpQueued = new AtomicBoolean();
    private final LogThrottle problemLog = LogThrottle.oncePer(Duration.ofMinutes(10));
    private volatile Device device;
    private volatile BaseLink link;
    private volatile SessionDriver driver;
    private volatile DeviceType wantedType;
    private volatile String pausedType;
    private volatile String endpointError;
    private volatile String linkError;
    private volatile long retryAtMillis;
    private volatile DeviceStatus sessionStatus;
    private volatile String sessionDetail = "";

    LiveDevice(Device device, LiveEnvironment env) {
        this.device = device;
        this.env = env;
        serial = new SerialExecutor(env.sessions());
        inbox = new DeviceInbox(env.settings().bufferBytes());
        sink = new LiveSink(device.alias(), device.streamUuids(), env.settings().maxPendingPoints());
        env.flusher().register(sink);
        keptState = new KeptState(device.alias(), env.catalog(), this::logProblem);
    }

    /** True when {@code other} is this device with the same settings (its streams may differ). */
    boolean isSameConfig(Device other) {
        return device.type().equals(other.type())
                && device.id().equals(other.id())
                && device.alias().equals(other.alias())
                && device.properties().equals(other.properties());
    }

    /**
     * The device as saved now (e.g. with streams declared since). Streams are only ever added to a live device, and a
     * reload may have read the catalog just before the session declared some, so the known ones are kept.
     */
    void refresh(Device saved) {
        if (device.streamUuids().entrySet().containsAll(saved.streamUuids().entrySet())) {
            return;
        }
        Map<String, UUID> streams = new LinkedHashMap<>(saved.streamUuids());
        device.streamUuids().forEach(streams::putIfAbsent);
        device = new Device(saved.type(), saved.id(), saved.alias(), saved.properties(), streams);
        sink.streams(streams);
    }

    boolean hasLink() {
        return link != null;
    }

    /** Opens the link to {@code endpoint}; it stays open until {@link #shutdown()}. */
    void attach(Endpoint endpoint) {
        endpointError = null;
        boolean isDatagram = endpoint.transport() == Endpoint.Transport.UDP_LISTENER;
        driver = new SessionDriver(this, inbox, isDatagram, env.settings().bufferBytes());
        Backoff backoff =
                new Backoff(env.settings().minBackoffMillis(), env.settings().maxBackoffMillis(), Math::random);
        link = isDatagram
                ? new UdpLink(env.loop(), endpoint.host(), endpoint.port(), this, backoff, env.workers())
                : new TcpLink(
                        env.loop(),
                        endpoint.host(),
                        endpoint.port(),
                        this,
                        backoff,
                        env.workers(),
                        env.settings().connectTimeoutMillis());
        link.open();
    }

    /** The type cannot name the device's endpoint (bad properties). */
    void endpointFailed(String reason) {
        endpointError = reason;
    }

    /** Runs a session of {@code type}, replacing the current one when the type's service changed. */
    void run(DeviceType type) {
        pausedType = null;
        if (type == wantedType || driver == null) {
            return;
        }
        wantedType = type;
        serial.execute(() -> driver.open(type));
    }

    /** The type's bundle went away: the session closes, the link stays and its bytes wait in the inbox. */
    CompletableFuture<Void> pause(String typeId) {
        pausedType = typeId;
        wantedType = null;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        serial.execute(() -> {
            if (driver != null) {
                driver.close();
            }
            sessionStatus = null;
            closed.complete(null);
        });
        return closed;
    }

    /** The device was removed or qss stops: session and link close, waiting samples are inserted once more. */
    CompletableFuture<Void> shutdown() {
        wantedType = null;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        serial.execute(() -> {
            if (driver != null) {
                driver.close();
            }
            if (link != null) {
                link.close();
            }
            env.flusher().retire(sink);
            closed.complete(null);
        });
        return closed;
    }

    /** The once-a-second tick: rate sample, the session's tick, and a new try at opening a failed session. */
    void tick(long nowMillis, long nowNanos) {
        counters.sample(nowMillis);
        SessionDriver d = driver;
        DeviceType type = wantedType;
        if (d == null) {
            return;
        }
        serial.execute(() -> {
            if (!d.hasSession() && type != null && type == wantedType && d.error() != null) {
                d.open(type);
            }
            d.tick(nowNanos);
        });
    }

    LiveDeviceState state() {
        Device d = device;
        DeviceStatus status;
        String detail;
        SessionDriver dr = driver;
        String driverError = dr == null ? null : dr.error();
        if (pausedType != null) {
            status = DeviceStatus.PAUSED;
            detail = "device type " + pausedType + " not installed" + bufferNote();
        } else if (endpointError != null) {
            status = DeviceStatus.ERROR;
            detail = endpointError;
        } else if (sink.failure() != null) {
            status = DeviceStatus.ERROR;
            detail = sink.failure();
        } else if (link != null && !link.isUp()) {
            long retryIn = Math.max(0, retryAtMillis - System.currentTimeMillis());
            status = linkError == null ? DeviceStatus.OFFLINE : DeviceStatus.ERROR;
            detail = linkError == null
                    ? "connecting to " + link.address()
                    : linkError + "; retrying in " + (retryIn + 999) / 1000 + " s";
        } else if (driverError != null) {
            status = DeviceStatus.ERROR;
            detail = driverError;
        } else {
            status = sessionStatus == null ? DeviceStatus.CONNECTED : sessionStatus;
            detail = sessionStatus == null ? "connected to " + (link == null ? "?" : link.address()) : sessionDetail;
        }
        return new LiveDeviceState(
                d.type(),
                d.alias(),
                status,
                detail,
                counters.framesPerSecond(),
                counters.valid(),
                counters.invalid(),
                counters.reconnects(),
                counters.lastFrame());
    }

    @Override
    public void up() {
        linkError = null;
        offer(Inbound.up());
    }

    @Override
    public void received(byte[] bytes) {
        offer(Inbound.data(bytes));
    }

    @Override
    public void down(String reason, long retryMillis) {
        counters.reconnected();
        linkError = reason;
        retryAtMillis = System.currentTimeMillis() + retryMillis;
        logProblem(reason, null);
        offer(Inbound.down(reason));
    }

    Device device() {
        return device;
    }

    LiveSink sink() {
        return sink;
    }

    FrameCounters counters() {
        return counters;
    }

    void declareStreams(List<StreamSpec> streams) throws DeviceException {
        try {
            refresh(env.catalog().declareStreams(device.alias(), streams));
        } catch (RegistryException | RuntimeException e) {
            throw new DeviceException(
                    DeviceErrorCode.SINK_FAILED,
                    "declaring streams failed [alias=" + device.alias() + ", streams=" + streams.size() + "]",
                    e);
        }
    }

    void send(ByteBuffer bytes) throws DeviceException {
        BaseLink l = link;
        try {
            if (l == null) {
                throw new IOException("no link [alias=" + device.alias() + "]");
            }
            l.send(bytes);
        } catch (IOException e) {
            throw new DeviceException(
                    DeviceErrorCode.IO_ERROR,
                    "sending to the device failed [alias=" + device.alias() + ", cause=" + e.getMessage() + "]",
                    e);
        }
    }

    /** The device's kept state, shared by its successive sessions. */
    KeptState keptState() {
        return keptState;
    }

    void sessionStatus(DeviceStatus status, String detail) {
        sessionStatus = status;
        sessionDetail = detail;
    }

    /** The store held samples back: offers the device's input again in a second. */
    void retryLater() {
        try {
            env.control().schedule(() -> serial.execute(() -> driver.resume()), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the manager is closing: the held-back input goes with it
        }
    }

    void restartLink(String reason) {
        BaseLink l = link;
        if (l != null) {
            l.restart(reason);
        }
    }

    void logProblem(String problem, Throwable cause) {
        long occurrences = problemLog.occurred();
        if (occurrences > 0) {
            LOG.warn(
                    "live device problem [alias={}, type={}, problem={}, occurrences={}]",
                    device.alias(),
                    device.type(),
                    problem,
                    occurrences,
                    cause);
        }
    }

    private void offer(Inbound item) {
        long dropped = inbox.add(item);
        if (dropped > 0) {
            logProblem(
                    "inbox full, oldest bytes dropped [bytes=" + dropped + ", capacity="
                            + env.settings().bufferBytes() + "]",
                    null);
        }
        if (isPumpQueued.compareAndSet(false, true)) {
            serial.execute(() -> {
                isPumpQueued.set(false);
                driver.pump();
            });
        }
    }

    private String bufferNote() {
        long buffered = inbox.bytes();
        long dropped = inbox.droppedBytes();
        if (link == null) {
            return "";
        }
        return "; connection kept, " + buffered + " bytes buffered"
                + (dropped > 0 ? ", " + dropped + " bytes dropped (buffer full)" : "");
    }
}
