// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What one protocol session gets from the manager; one per session, so a session closed by a type bundle's update
 * can no longer change the device's status. Thread-safe.
 */
final class SessionContext implements DeviceContext {

    private static final int MAX_STATE_BYTES = 1 << 20;

    private final LiveDevice device;
    private volatile boolean isValid = true;

    SessionContext(LiveDevice device) {
        this.device = device;
    }

    @Override
    public DeviceDescriptor device() {
        return device.device().descriptor();
    }

    @Override
    public SampleSink sink() {
        return device.sink();
    }

    @Override
    public void declareStreams(List<StreamSpec> streams) throws DeviceException {
        device.declareStreams(streams);
    }

    @Override
    public void send(ByteBuffer bytes) throws DeviceException {
        device.send(bytes);
    }

    @Override
    public void saveState(byte[] state) {
        if (state.length > MAX_STATE_BYTES) {
            throw new IllegalArgumentException("device state too large [alias="
                    + device.device().alias() + ", bytes=" + state.length + ", max=" + MAX_STATE_BYTES + "]");
        }
        device.keptState().save(state.clone());
    }

    @Override
    public byte[] loadState() {
        return device.keptState().load().clone();
    }

    @Override
    public void countFrames(long valid, long invalid) {
        device.counters().count(valid, invalid, System.currentTimeMillis());
    }

    @Override
    public void updateStatus(DeviceStatus status, String detail) {
        if (isValid) {
            device.sessionStatus(status, detail == null ? "" : detail);
        }
    }

    /** The session was closed: its later status reports are ignored. */
    void invalidate() {
        isValid = false;
    }
}
