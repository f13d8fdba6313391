// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * capnp 3.x query requests (§3.2 of the API description) as framed single-segment messages: the Request root
 * (echoTag @0, union tag @8, payload pointer 0), the command struct (data words as given, one pointer) and the
 * uuid as Data (16 bytes, RFC 4122 order).
 */
final class CapnpRequests {

    private CapnpRequests() {}

    /** A request of union tag {@code command} whose command struct holds {@code data} (8 bytes each) and the uuid. */
    static byte[] frame(long echoTag, int command, long[] data, UUID uuid) {
        int words = 4 + data.length + 1 + 2;
        ByteBuffer out = ByteBuffer.allocate(8 + 8 * words).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(words);
        out.putLong(CapnpResponse.structPointer(0, 2, 1)).putLong(echoTag).putLong(command);
        out.putLong(CapnpResponse.structPointer(0, data.length, 1));
        for (long word : data) {
            out.putLong(word);
        }
        out.putLong(CapnpResponse.listPointer(0, 2, 16));
        out.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return out.array();
    }
}
