// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.DeviceChange;
import io.qss.registry.RegisteredDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What replacing one configuration by another adds, removes and changes, device by device (by serial). Stateless. */
final class IniChanges {

    private IniChanges() {}

    /** The changes from {@code before} to {@code after} (both keyed by serial): added, removed, then changed. */
    static List<DeviceChange> between(Map<String, RegisteredDevice> before, Map<String, RegisteredDevice> after) {
        List<DeviceChange> out = new ArrayList<>();
        after.values().stream()
                .filter(d -> !before.containsKey(d.serial()))
                .forEach(d -> out.add(new DeviceChange(DeviceChange.Kind.ADDED, d.serial(), d.alias(), List.of())));
        before.values().stream()
                .filter(d -> !after.containsKey(d.serial()))
                .forEach(d -> out.add(new DeviceChange(DeviceChange.Kind.REMOVED, d.serial(), d.alias(), List.of())));
        for (RegisteredDevice d : after.values()) {
            RegisteredDevice old = before.get(d.serial());
            List<String> details = old == null ? List.of() : differences(old, d);
            if (!details.isEmpty()) {
                out.add(new DeviceChange(DeviceChange.Kind.CHANGED, d.serial(), d.alias(), details));
            }
        }
        return out;
    }

    private static List<String> differences(RegisteredDevice old, RegisteredDevice d) {
        List<String> out = new ArrayList<>();
        change(out, "ip", old.ip(), d.ip());
        change(out, "alias", old.alias(), d.alias());
        change(out, "mode", mode(old), mode(d));
        if (old.hasOwnCollection() || d.hasOwnCollection()) {
            change(out, "paths", "/" + old.collection() + "/", "/" + d.collection() + "/");
        }
        TreeSet<String> streams = new TreeSet<>(old.streamUuids().keySet());
        streams.addAll(d.streamUuids().keySet());
        streams.removeIf(s -> old.streamUuids().get(s) == null
                || d.streamUuids().get(s) == null
                || old.streamUuids().get(s).equals(d.streamUuids().get(s)));
        if (!streams.isEmpty()) {
            out.add("stream UUIDs " + String.join(",", streams)
                    + " replaced (new streams; the stored data stays under the old UUIDs)");
        }
        TreeSet<String> metadata = new TreeSet<>(old.metadata().keySet());
        metadata.addAll(d.metadata().keySet());
        metadata.removeIf(
                k -> Objects.equals(old.metadata().get(k), d.metadata().get(k)));
        if (!metadata.isEmpty()) {
            out.add("metadata " + String.join(",", metadata));
        }
        return out;
    }

    private static void change(List<String> out, String what, String old, String now) {
        if (!old.equals(now)) {
            out.add(what + " " + old + " -> " + now);
        }
    }

    private static String mode(RegisteredDevice d) {
        return d.isExtended() ? "extended" : "base";
    }
}
