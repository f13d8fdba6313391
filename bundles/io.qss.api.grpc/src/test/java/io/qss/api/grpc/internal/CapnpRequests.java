// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

/**
 * capnp 3.x query requests (§3.2 of the API description) as framed single-segment messages: the Request root
 * (echoTag @0, union tag @8, payload pointer 0), the command struct (data words as given, one pointer) and the
 * uuid as Data (16 bytes, RFC 4122 order); queryVersion (a list of one uuid) and insertValues (uuid, records, sync)
 * have their own layouts.
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

    /** queryVersion (tag 3) of one stream: CmdQueryVersion (0/1) holding a List(Data) of one uuid. */
    static byte[] version(long echoTag, UUID uuid) {
        ByteBuffer out = header(echoTag, 3, 8);
        out.putLong(CapnpResponse.listPointer(0, 6, 1));
        out.putLong(CapnpResponse.listPointer(0, 2, 16));
        return uuid(out, uuid);
    }

    /** insertValues (tag 6): CmdInsertValues (8/2) with sync bit 0, uuid p0 and a composite list of Record p1. */
    static byte[] insert(long echoTag, UUID uuid, List<long[]> records, boolean sync) {
        int n = records.size();
        ByteBuffer out = header(echoTag, 6, 10 + 2 * n);
        out.putLong(sync ? 1 : 0)
                .putLong(CapnpResponse.listPointer(1, 2, 16))
                .putLong(CapnpResponse.listPointer(2, 7, 2 * n));
        uuid(out, uuid);
        out.order(ByteOrder.LITTLE_ENDIAN).putLong(CapnpResponse.structPointer(n, 2, 0));
        for (long[] record : records) {
            out.putLong(record[0]).putLong(record[1]);
        }
        return out.array();
    }

    /** The first version of a {@code versionList} answer (Versions (0/2): uuids p0, versions List(UInt64) p1). */
    static long firstVersion(byte[] frame) {
        ByteBuffer segment = ByteBuffer.wrap(frame, 8, frame.length - 8).slice().order(ByteOrder.LITTLE_ENDIAN);
        int root = target(segment, 0);
        int versions = target(segment, root + 2);
        return segment.getLong(8 * target(segment, versions + 1));
    }

    /** The word a struct or list pointer at word {@code at} points to. */
    private static int target(ByteBuffer segment, int at) {
        return at + 1 + ((int) segment.getLong(8 * at) >> 2);
    }

    /** A frame of {@code words} words up to the command struct: root pointer, echoTag, union tag, command pointer. */
    private static ByteBuffer header(long echoTag, int command, int words) {
        ByteBuffer out = ByteBuffer.allocate(8 + 8 * words).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(words);
        int dataWords = command == 3 ? 0 : 1;
        int pointers = command == 3 ? 1 : 2;
        return out.putLong(CapnpResponse.structPointer(0, 2, 1))
                .putLong(echoTag)
                .putLong(command)
                .putLong(CapnpResponse.structPointer(0, dataWords, pointers));
    }

    private static byte[] uuid(ByteBuffer out, UUID uuid) {
        out.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return out.array();
    }
}
