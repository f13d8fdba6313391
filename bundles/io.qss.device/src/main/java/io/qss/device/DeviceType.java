// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of device, implemented by a device bundle and registered as an OSGi service with the service property
 * {@link #TYPE_PROPERTY} set to {@link #typeId()}. It declares its streams and turns its input into samples: a file
 * the framework received ({@link #ingestFile}) or a live connection it opens itself ({@link #connect}).
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

    /** The streams {@code device} produces, in display order; names are unique. */
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

    /**
     * Opens a live connection to the device described by {@code context}; returns at once, samples follow on the
     * connection's own threads through {@code context.sink()}, status through {@code context.updateStatus}.
     *
     * @throws DeviceException {@link DeviceErrorCode#UNSUPPORTED} for file-only types
     */
    default DeviceConnection connect(DeviceContext context) throws DeviceException {
        throw new DeviceException(DeviceErrorCode.UNSUPPORTED, "device type has no live input [type=" + typeId() + "]");
    }
}
