// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import java.util.List;

/**
 * A stand-in for a live device in the contract tests: the bytes it sends once the transport is up and the bytes it
 * answers to each command the session sends. The kit hands them to the session as the device manager would: for TCP
 * as a byte stream cut at arbitrary points, for UDP one message per datagram. Implementations are deterministic.
 */
public interface ScriptedDevice {

    /** What the device sends on its own once the transport is up, in order; one element per message or datagram. */
    List<byte[]> onConnect();

    /** What the device answers to {@code command}, one of the session's sends; empty for none. */
    default List<byte[]> onCommand(byte[] command) {
        return List.of();
    }

    /** A device that sends {@code messages} once connected and ignores commands. */
    static ScriptedDevice sending(List<byte[]> messages) {
        List<byte[]> copy = List.copyOf(messages);
        return () -> copy;
    }
}
