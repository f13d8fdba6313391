// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of device, implemented by a device bundle and registered as an OSGi service with the service property
 * {@link #TYPE_PROPERTY} set to {@link #typeId()}. It declares its streams and turns its input into samples: a file
 * the framework received ({@link #ingestFile}) or the bytes of a live connection the device manager keeps
 * ({@link #endpoint}, {@link #openSession}).
 *
 * <p>Implementations must be thread-safe: the framework calls them for many devices at once (never twice at once
 * for the same device). Calls may block on I/O; they must not keep the sink after returning.
 */
@ConsumerType
public interface DeviceType {

    /** Service property naming the type id (String), e.g. {@code (device.type=upmu)} as a reference target. */
    String TYPE_PROPERTY = "device.type";

    /** Stable id of the type, lower case, e.g. {@code upmu}; the first path segment of its streams. */
    String typeId();

    /**
     * The streams {@code device} is known to produce, in display order; keys are unique. Live types whose streams
     * come from the device itself return what they know without it (may be empty) and declare the rest through
     * {@link DeviceContext#declareStreams}.
     */
    List<StreamSpec> streams(DeviceDescriptor device);

    /**
     * Decodes one received file of {@code device} into {@code sink}. Delivering the same file again must deliver the
     * same samples (the sink replaces equal times).
     *
     * @throws DeviceException {@link DeviceErrorCode#CORRUPT_INPUT} when nothing usable is in the file, or the
     *     sink's failure
     */
    default IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) throws DeviceException {
        throw new DeviceException(DeviceErrorCode.UNSUPPORTED, "device type reads no files [type=" + typeId() + "]");
    }

    /** One line for operators, e.g. {@code IEEE C37.118 PMU or PDC over TCP or UDP}; shown by {@code device:types}. */
    default String description() {
        return typeId();
    }

    /** The configuration properties a device of this type takes ({@code device:add TYPE ALIAS key=value...}). */
    default List<PropertySpec> properties() {
        return List.of();
    }

    /**
     * The device's identity within the type, from its properties (e.g. a uPMU's serial); the alias when the type has
     * none. Two devices of one type never share it.
     */
    default String deviceId(String alias, Map<String, String> properties) {
        return alias;
    }

    /**
     * Where the device manager keeps a live connection to {@code device}; empty for types that only read files.
     *
     * @throws DeviceException {@link DeviceErrorCode#UNSUPPORTED} when the properties do not name a valid endpoint
     */
    default Optional<Endpoint> endpoint(DeviceDescriptor device) throws DeviceException {
        return Optional.empty();
    }

    /**
     * Starts the protocol for a live device whose {@link #endpoint} is present; the manager then calls the session
     * as bytes arrive.
     *
     * @throws DeviceException {@link DeviceErrorCode#UNSUPPORTED} for file-only types
     */
    default ProtocolSession openSession(DeviceContext context) throws DeviceException {
        throw new DeviceException(DeviceErrorCode.UNSUPPORTED, "device type has no live input [type=" + typeId() + "]");
    }
}
