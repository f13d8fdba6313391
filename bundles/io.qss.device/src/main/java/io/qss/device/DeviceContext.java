// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.nio.ByteBuffer;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What the device manager gives a {@link ProtocolSession}. Thread-safe. */
@ProviderType
public interface DeviceContext {

    /** The device this context serves; never null. */
    DeviceDescriptor device();

    /**
     * The sink into the device's streams; never null. For a live device the sink batches appends and makes them
     * queryable within a second; its streams are those of {@link DeviceType#streams} plus those declared here.
     */
    SampleSink sink();

    /**
     * Declares the streams the device announced (e.g. in its configuration frame): missing ones are created in the
     * store with fresh UUIDs and kept in the device's document, existing ones keep theirs. Blocking.
     *
     * @throws DeviceException {@link DeviceErrorCode#SINK_FAILED} when the registry or the store refused them
     */
    void declareStreams(List<StreamSpec> streams) throws DeviceException;

    /**
     * Writes {@code bytes} to the device: on TCP to the connection, on UDP to the sender of the last datagram.
     *
     * @throws DeviceException {@link DeviceErrorCode#IO_ERROR} when the transport is down or the write failed
     */
    void send(ByteBuffer bytes) throws DeviceException;

    /**
     * Keeps {@code state} (e.g. the device's last configuration frame) for the device, across a session replaced by
     * an update of the type's bundle and across restarts of qss. At most 1 MiB.
     */
    void saveState(byte[] state);

    /** The state last saved for this device; empty when none; never null. */
    byte[] loadState();

    /** Counts messages: {@code valid} decoded, {@code invalid} refused (e.g. bad checksum); shown as frames/s. */
    void countFrames(long valid, long invalid);

    /** Reports the device's status; {@code detail} is a short line such as the reason of an error. */
    void updateStatus(DeviceStatus status, String detail);
}
