// SPDX-License-Identifier: Apache-2.0
package io.qss.device.upmu.internal;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatDecoder;
import io.qss.dat.DatError;
import io.qss.dat.DatException;
import io.qss.dat.DatStream;
import io.qss.dat.UpmuConstants;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.IngestResult;
import io.qss.device.PropertySpec;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The uPMU device type: a received {@code .dat} file becomes 120 samples per second on each of the 13 base streams,
 * plus the six extended streams when the device is configured extended. Extended data of a base device is dropped
 * (as sync2_quasar did) and, like base files of an extended device, reported as the result's config mismatch with
 * the command that fixes it. Stateless and thread-safe.
 */
@Component(service = DeviceType.class, property = DeviceType.TYPE_PROPERTY + "=" + UpmuConstants.TYPE_ID)
public final class UpmuDeviceType implements DeviceType {

    private static final int MAX_WARNINGS = 5;
    private static final String SERIAL = "serial";

    private final DatDecoder decoder = DatCodecs.decoder();

    @Override
    public String typeId() {
        return UpmuConstants.TYPE_ID;
    }

    @Override
    public String description() {
        return "micro-PMU pushing one-minute .dat files to the receiver (TCP 1883)";
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                new PropertySpec(UpmuConstants.PROPERTY_IP, "the uPMU's IP address", true, null),
                new PropertySpec(SERIAL, "the serial number it sends with its files, e.g. P3001035", true, null),
                new PropertySpec(
                        UpmuConstants.PROPERTY_EXTENDED, "true for extended mode (19 streams)", false, "false"));
    }

    /** A uPMU is known by the serial it sends with its files. */
    @Override
    public String deviceId(String alias, Map<String, String> properties) {
        return properties.getOrDefault(SERIAL, alias);
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return DatStream.streams(device.isSet(UpmuConstants.PROPERTY_EXTENDED)).stream()
                .map(s -> new StreamSpec(s.streamName(), s.unit()))
                .toList();
    }

    @Override
    public IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) throws DeviceException {
        DatColumns columns;
        try {
            columns = decoder.decodeColumns(file);
        } catch (DatException e) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "reading .dat file failed [file=" + file + "]", e);
        }
        List<String> warnings = new ArrayList<>();
        columns.summary().errors().stream()
                .limit(MAX_WARNINGS)
                .map(DatError::message)
                .forEach(warnings::add);
        if (columns.summary().records() == 0) {
            String reason = warnings.isEmpty() ? "no records" : warnings.get(0);
            throw new DeviceException(
                    DeviceErrorCode.CORRUPT_INPUT,
                    "no valid record in .dat file [file=" + file + ", reason=" + reason + "]");
        }
        boolean isExtended = device.isSet(UpmuConstants.PROPERTY_EXTENDED);
        long samples = 0;
        for (DatStream stream : DatStream.streams(isExtended && columns.hasExtended())) {
            samples += appendFinite(sink, stream.streamName(), columns.times(), columns.values(stream), columns.size());
        }
        return new IngestResult(
                samples,
                columns.summary().firstNanos(),
                columns.summary().lastNanos(),
                warnings,
                configMismatch(device, isExtended, columns.summary().extendedRecords()));
    }

    /**
     * What to tell the operator when the file's records disagree with the device's mode: a base device's extended
     * records lose their six extended streams; an extended device whose file has no extended record at all sends
     * base files (a mixed file is normal while a device switches, so it is not reported).
     */
    static String configMismatch(DeviceDescriptor device, boolean isExtended, long extendedRecords) {
        if (!isExtended && extendedRecords > 0) {
            return "device " + device.alias() + " registered base, sends extended files: run upmu:setext "
                    + device.alias() + " true, then upmu:save [serial=" + device.serial() + "]";
        }
        if (isExtended && extendedRecords == 0) {
            return "device " + device.alias() + " registered extended, sends base files: run upmu:setext "
                    + device.alias() + " false, then upmu:save [serial=" + device.serial() + "]";
        }
        return "";
    }

    /**
     * Appends one column and returns its finite samples; base records in a mixed file carry NaN in extended columns,
     * which the sink drops (its contract), so the column is handed over as it is.
     */
    static long appendFinite(SampleSink sink, String stream, long[] times, double[] values, int size)
            throws DeviceException {
        int finite = 0;
        for (int i = 0; i < size; i++) {
            if (Double.isFinite(values[i])) {
                finite++;
            }
        }
        if (finite > 0) {
            sink.append(stream, times, values, 0, size);
        }
        return finite;
    }
}
