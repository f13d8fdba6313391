// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceType;
import java.nio.file.Path;
import java.util.List;

/**
 * What the contract checks examine: a device type and its sample inputs.
 *
 * @param type the type under test; never null
 * @param devices sample devices, at least one; two or more also check that distinct devices get distinct ids
 * @param files valid input files of {@code devices.get(0)}, for types that read files; empty for live-only types
 * @param live a well-behaved device {@code devices.get(0)} talks to, for live types; null for file-only types
 * @param faultyLive the same device with at least one message damaged (e.g. a bad checksum) among good ones; null
 *     when the protocol cannot tell a damaged message
 * @param resumedLive the same device as a session finds it that takes over an open connection after an update of the
 *     type's bundle: already streaming, without the start of the exchange (e.g. data frames but no configuration
 *     frame); null when the type keeps no state
 */
public record ContractSubject(
        DeviceType type,
        List<SampleDevice> devices,
        List<Path> files,
        ScriptedDevice live,
        ScriptedDevice faultyLive,
        ScriptedDevice resumedLive) {

    public ContractSubject {
        if (type == null || devices == null || devices.isEmpty()) {
            throw new IllegalArgumentException(
                    "contract subject needs a type and a sample device [type=" + type + ", devices=" + devices + "]");
        }
        devices = List.copyOf(devices);
        files = List.copyOf(files);
    }

    /** A subject without a resumed device. */
    public ContractSubject(
            DeviceType type,
            List<SampleDevice> devices,
            List<Path> files,
            ScriptedDevice live,
            ScriptedDevice faultyLive) {
        this(type, devices, files, live, faultyLive, null);
    }

    /** Whether the type reads files and files were given. */
    public boolean hasFiles() {
        return !files.isEmpty();
    }

    /** Whether the type is live and a scripted device was given. */
    public boolean isLive() {
        return live != null;
    }
}
