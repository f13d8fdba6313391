// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.dat.DatStream;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes upmuconfig.ini (ConfigObj nested INI, as manager2 and sync2_quasar use it): one {@code [ip]}
 * section per uPMU with {@code %serial_number} and {@code %alias}, collective metadata subsections and one
 * {@code [[STREAM]]} subsection per stream with {@code uuid}, {@code Path} and {@code [[[Properties]]]
 * UnitofMeasure}. A device is extended when all six extended stream subsections are present. The streams' paths
 * give the device's collection ({@link IniPaths}). Stateless.
 */
public final class UpmuConfigIni {

    private static final String SERIAL = "%serial_number";
    private static final String ALIAS = "%alias";

    private UpmuConfigIni() {}

    /** Parses the text; devices come without generation (0) and with the UUIDs the text names. */
    public static List<RegisteredDevice> parse(String text) throws RegistryException {
        List<IniSection> sections = IniSection.parse(text);
        List<RegisteredDevice> devices = new ArrayList<>();
        for (IniSection section : sections) {
            devices.add(toDevice(section));
        }
        return devices;
    }

    /** Writes the devices in the manual's format, streams in canonical order. */
    public static String write(List<RegisteredDevice> devices) {
        StringBuilder out = new StringBuilder("# upmuconfig.ini written by qss (upmu:export-ini)\n");
        for (RegisteredDevice d : devices) {
            out.append('\n').append('[').append(d.ip()).append("]\n");
            out.append(SERIAL).append(" = ").append(d.serial()).append('\n');
            out.append(ALIAS).append(" = ").append(d.alias()).append('\n');
            writeMetadata(out, d.metadata());
            for (DatStream s : DatStream.streams(d.isExtended())) {
                UUID uuid = d.streamUuids().get(s.streamName());
                out.append("    [[").append(s.streamName()).append("]]\n");
                out.append("    uuid = ").append(uuid).append('\n');
                out.append("    Path = ").append(d.path(s.streamName())).append('\n');
                out.append("        [[[Properties]]]\n");
                out.append("        UnitofMeasure = ").append(s.unit()).append('\n');
            }
        }
        return out.toString();
    }

    private static RegisteredDevice toDevice(IniSection section) throws RegistryException {
        String ip = section.name();
        int percent = ip.indexOf('%');
        ip = (percent >= 0 ? ip.substring(0, percent) : ip).replace("?", "").trim();
        String serial = section.values().get(SERIAL);
        if (serial == null || serial.isBlank()) {
            throw new RegistryException("upmuconfig.ini section has no %serial_number [section=" + section.name()
                    + ", line=" + section.line() + "]");
        }
        String alias = section.values().getOrDefault(ALIAS, serial);
        Map<String, UUID> uuids = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        int extendedPresent = 0;
        String collection = null;
        for (IniSection child : section.children()) {
            DatStream stream = streamNamed(child.name());
            if (stream == null) {
                child.flatten(child.name(), metadata);
                continue;
            }
            extendedPresent += stream.isExtended() ? 1 : 0;
            String uuid = child.values().get("uuid");
            if (uuid != null && !uuid.isBlank()) {
                uuids.put(stream.streamName(), parseUuid(uuid.trim(), child));
            }
            collection = IniPaths.collection(section.name(), child, collection);
        }
        section.values().forEach((k, v) -> {
            if (!k.startsWith("%")) {
                metadata.put(k, v);
            }
        });
        boolean isExtended = extendedPresent == DatStream.EXTENDED_COUNT - DatStream.BASE_COUNT;
        return new RegisteredDevice(ip, serial.trim(), alias.trim(), isExtended, 0, uuids, metadata, collection);
    }

    private static UUID parseUuid(String text, IniSection child) throws RegistryException {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    "upmuconfig.ini has a bad uuid [stream=" + child.name() + ", line=" + child.line() + ", uuid="
                            + text + "]",
                    e);
        }
    }

    private static DatStream streamNamed(String name) {
        for (DatStream s : DatStream.values()) {
            if (s.streamName().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static void writeMetadata(StringBuilder out, Map<String, String> metadata) {
        Map<String, Map<String, String>> bySection = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            String section = slash < 0 ? "" : e.getKey().substring(0, slash);
            bySection
                    .computeIfAbsent(section, k -> new LinkedHashMap<>())
                    .put(e.getKey().substring(slash + 1), e.getValue());
        }
        bySection
                .getOrDefault("", Map.of())
                .forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        for (Map.Entry<String, Map<String, String>> e : bySection.entrySet()) {
            if (e.getKey().isEmpty()) {
                continue;
            }
            String[] parts = e.getKey().split("/");
            String indent = "    ".repeat(parts.length);
            out.append(indent)
                    .append("[[")
                    .append("[".repeat(parts.length - 1))
                    .append(parts[parts.length - 1])
                    .append("]]")
                    .append("]".repeat(parts.length - 1))
                    .append('\n');
            e.getValue()
                    .forEach((k, v) ->
                            out.append(indent).append(k).append(" = ").append(v).append('\n'));
        }
    }
}
