// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device type's side of one live device: it decodes what the device manager reads from the device's
 * {@link Endpoint} and writes commands through {@link DeviceContext#send}. The manager calls a session from one thread
 * at a time. A session lives until {@link #close()}: the manager closes it when the device is removed, when qss
 * stops, and when the type's bundle goes away (the connection itself stays open; a new session of the new bundle
 * continues from {@link DeviceContext#loadState()}).
 */
@ConsumerType
public interface ProtocolSession extends AutoCloseable {

    /**
     * The transport is up (TCP connected, UDP bound), or this session took over an open one; e.g. ask the device
     * for its configuration and to start sending.
     *
     * @throws DeviceException {@link DeviceErrorCode#IO_ERROR} when sending failed (the manager reconnects)
     */
    void connected() throws DeviceException;

    /**
     * Bytes arrived. Consume whole messages from {@code in} (advancing its position) and leave an incomplete one: the
     * manager keeps the rest and calls again with more. For UDP each call holds one datagram.
     *
     * @throws DeviceException {@link DeviceErrorCode#CORRUPT_INPUT} when the input cannot be framed any more (the
     *     manager reconnects), {@link DeviceErrorCode#SINK_FAILED} when the store refused samples (the bytes are
     *     offered again later), {@link DeviceErrorCode#IO_ERROR} when answering the device failed
     */
    void received(ByteBuffer in) throws DeviceException;

    /** Called about once a second, e.g. to repeat an unanswered command or notice a silent device. */
    default void tick(long nowNanos) throws DeviceException {}

    /** The transport dropped for {@code reason}; {@link #connected()} follows once it is up again. */
    default void disconnected(String reason) {}

    /** Ends the session; the manager delivers nothing more to it. Must not throw. */
    @Override
    void close();
}
