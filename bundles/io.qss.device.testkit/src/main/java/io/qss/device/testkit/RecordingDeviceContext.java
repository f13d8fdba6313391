// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link DeviceContext} that records what a session does: its sends, declared streams, saved state, frame counts
 * and status reports. Its sink accepts the streams the type declares for the device plus those declared here, as
 * the device manager's would. Sends can be made to fail, to see the session answer with
 * {@link DeviceErrorCode#IO_ERROR}. Thread-safe by locking, since a session may call it from its own threads.
 */
public final class RecordingDeviceContext implements DeviceContext {

    /** Most state a device may keep, as {@link DeviceContext#saveState} promises. */
    public static final int MAX_STATE_BYTES = 1 << 20;

    private final DeviceDescriptor device;
    private final Map<String, StreamSpec> streams = new LinkedHashMap<>();
    private final RecordingSampleSink sink = new RecordingSampleSink(this::knownKeys);
    private final List<byte[]> sent = new ArrayList<>();
    private final List<StatusReport> statuses = new ArrayList<>();
    private final List<List<StreamSpec>> declarations = new ArrayList<>();
    private byte[] state;
    private long validFrames;
    private long invalidFrames;
    private boolean isSendFailing;

    /**
     * A context for {@code device} whose sink accepts {@code typeStreams} (what the type's {@code streams} returned)
     * and whose {@link #loadState()} returns {@code state}.
     */
    public RecordingDeviceContext(DeviceDescriptor device, List<StreamSpec> typeStreams, byte[] state) {
        this.device = device;
        typeStreams.forEach(s -> streams.put(s.key(), s));
        this.state = state.clone();
    }

    @Override
    public DeviceDescriptor device() {
        return device;
    }

    @Override
    public SampleSink sink() {
        return sink;
    }

    @Override
    public synchronized void declareStreams(List<StreamSpec> declared) {
        declarations.add(List.copyOf(declared));
        declared.forEach(s -> streams.putIfAbsent(s.key(), s));
    }

    @Override
    public synchronized void send(ByteBuffer bytes) throws DeviceException {
        if (isSendFailing) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "transport down [device=" + device.alias() + "]");
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        sent.add(copy);
    }

    @Override
    public synchronized void saveState(byte[] saved) {
        if (saved.length > MAX_STATE_BYTES) {
            throw new AssertionError("state over 1 MiB [device=" + device.alias() + ", bytes=" + saved.length + "]");
        }
        state = saved.clone();
    }

    @Override
    public synchronized byte[] loadState() {
        return state.clone();
    }

    @Override
    public synchronized void countFrames(long valid, long invalid) {
        if (valid < 0 || invalid < 0) {
            throw new AssertionError("negative frame count [valid=" + valid + ", invalid=" + invalid + "]");
        }
        validFrames += valid;
        invalidFrames += invalid;
    }

    @Override
    public synchronized void updateStatus(DeviceStatus status, String detail) {
        if (status == null) {
            throw new AssertionError("status null [device=" + device.alias() + ", detail=" + detail + "]");
        }
        statuses.add(new StatusReport(status, detail));
    }

    /** The recording sink; the same object as {@link #sink()}. */
    public RecordingSampleSink recordingSink() {
        return sink;
    }

    /** Every send so far, in order. */
    public synchronized List<byte[]> sent() {
        return List.copyOf(sent);
    }

    /** Every status report so far, in order. */
    public synchronized List<StatusReport> statuses() {
        return List.copyOf(statuses);
    }

    /** Every {@link #declareStreams} call's argument, in order. */
    public synchronized List<List<StreamSpec>> declarations() {
        return List.copyOf(declarations);
    }

    /** The streams the sink accepts: the type's and the declared ones, by key. */
    public synchronized Map<String, StreamSpec> streams() {
        return Map.copyOf(streams);
    }

    /** Sum of the valid frames counted. */
    public synchronized long validFrames() {
        return validFrames;
    }

    /** Sum of the invalid frames counted. */
    public synchronized long invalidFrames() {
        return invalidFrames;
    }

    /** From now on sends fail with {@link DeviceErrorCode#IO_ERROR} (or succeed again). */
    public synchronized void failSends(boolean isFailing) {
        isSendFailing = isFailing;
    }

    private synchronized Set<String> knownKeys() {
        return new LinkedHashSet<>(streams.keySet());
    }

    /**
     * One {@link #updateStatus} call.
     *
     * @param status the status reported
     * @param detail its detail line, as given
     */
    public record StatusReport(DeviceStatus status, String detail) {}
}
