// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.Status;
import io.qss.api.grpc.internal.v5api.StreamDescriptor;
import io.qss.store.api.StreamInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between v5api messages and store records. */
final class Proto {

    private Proto() {}

    static Status status(ApiException e) {
        return Status.newBuilder()
                .setCode(e.code())
                .setMsg(e.getMessage() == null ? "" : e.getMessage())
                .build();
    }

    static StreamDescriptor descriptor(StreamInfo info) {
        return StreamDescriptor.newBuilder()
                .setUuid(Streams.bytes(info.uuid()))
                .setCollection(info.collection())
                .addAllTags(keyOptValues(info.tags()))
                .addAllAnnotations(keyOptValues(info.annotations()))
                .setPropertyVersion(info.propertyVersion())
                .build();
    }

    /** Sorted by key, so a descriptor's tags read the same on every call. */
    static List<KeyOptValue> keyOptValues(Map<String, String> map) {
        List<KeyOptValue> out = new ArrayList<>(map.size());
        new TreeMap<>(map)
                .forEach((key, value) -> out.add(KeyOptValue.newBuilder()
                        .setKey(key)
                        .setVal(OptValue.newBuilder().setValue(value))
                        .build()));
        return out;
    }

    /** Keys with a value map to it; keys without {@code val} map to null (match any, or remove). */
    static Map<String, String> map(List<KeyOptValue> pairs) {
        Map<String, String> out = new HashMap<>();
        for (KeyOptValue pair : pairs) {
            out.put(pair.getKey(), pair.hasVal() ? pair.getVal().getValue() : null);
        }
        return out;
    }

    /** Only the keys that carry a value. */
    static Map<String, String> values(List<KeyOptValue> pairs) {
        Map<String, String> out = new HashMap<>();
        for (KeyOptValue pair : pairs) {
            if (pair.hasVal()) {
                out.put(pair.getKey(), pair.getVal().getValue());
            }
        }
        return out;
    }

    /** The keys without a value. */
    static List<String> valueless(List<KeyOptValue> pairs) {
        List<String> out = new ArrayList<>();
        for (KeyOptValue pair : pairs) {
            if (!pair.hasVal()) {
                out.add(pair.getKey());
            }
        }
        return out;
    }
}
