// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A received Cap'n Proto message and a reader of its structs and lists, by pointer index and byte offset (the
 * layouts of the 3.x schema are fixed, so no schema library is needed). Fields beyond a struct's sections read as
 * zero, as Cap'n Proto prescribes. Far pointers (single and double) are followed.
 */
final class CapnpMessage {

    private final ByteBuffer[] segments;

    CapnpMessage(ByteBuffer[] segments) {
        this.segments = segments;
    }

    /** The root struct, or null for an empty message. */
    Struct root() {
        return segments.length == 0 || segments[0].limit() < 8 ? null : struct(resolve(0, 0));
    }

    /** Where a pointer leads: segment, byte position of the content, and the word that describes its layout. */
    private record Target(int segment, int position, long layout) {}

    private Target resolve(int segment, int pointerPos) {
        long word = segments[segment].getLong(pointerPos);
        if (word == 0) {
            return null;
        }
        if ((word & 3) != 2) {
            return new Target(segment, pointerPos + 8 + 8 * (((int) word) >> 2), word);
        }
        int padSegment = (int) (word >>> 32);
        int padPos = (int) ((word >>> 3) & 0x1FFFFFFF) * 8;
        if ((word & 4) == 0) {
            return resolve(padSegment, padPos);
        }
        long far = segments[padSegment].getLong(padPos);
        long tag = segments[padSegment].getLong(padPos + 8);
        return new Target((int) (far >>> 32), (int) ((far >>> 3) & 0x1FFFFFFF) * 8, tag);
    }

    private Struct struct(Target target) {
        if (target == null || (target.layout() & 3) != 0) {
            return null;
        }
        int dataWords = (int) ((target.layout() >>> 32) & 0xFFFF);
        int pointers = (int) ((target.layout() >>> 48) & 0xFFFF);
        return new Struct(target.segment(), target.position(), dataWords * 8, pointers);
    }

    /** A struct inside this message. */
    final class Struct {

        private final int segment;
        private final int position;
        private final int dataBytes;
        private final int pointers;

        private Struct(int segment, int position, int dataBytes, int pointers) {
            this.segment = segment;
            this.position = position;
            this.dataBytes = dataBytes;
            this.pointers = pointers;
        }

        long int64(int offset) {
            return offset + 8 <= dataBytes ? segments[segment].getLong(position + offset) : 0;
        }

        int uint16(int offset) {
            return offset + 2 <= dataBytes ? Short.toUnsignedInt(segments[segment].getShort(position + offset)) : 0;
        }

        int uint8(int offset) {
            return offset < dataBytes ? Byte.toUnsignedInt(segments[segment].get(position + offset)) : 0;
        }

        boolean bit(int bit) {
            return (uint8(bit / 8) & (1 << (bit % 8))) != 0;
        }

        private Target pointer(int index) {
            return index < pointers ? resolve(segment, position + dataBytes + 8 * index) : null;
        }

        Struct struct(int index) {
            return CapnpMessage.this.struct(pointer(index));
        }

        /** A {@code Data} field (List(UInt8)), or null when unset. */
        byte[] data(int index) {
            return bytes(pointer(index));
        }

        /** A {@code List(Data)} field; empty when unset. */
        List<byte[]> dataList(int index) {
            Target list = pointer(index);
            List<byte[]> out = new ArrayList<>();
            if (list != null && (list.layout() & 3) == 1 && ((list.layout() >>> 32) & 7) == 6) {
                int count = (int) (list.layout() >>> 35);
                for (int i = 0; i < count; i++) {
                    out.add(bytes(resolve(list.segment(), list.position() + 8 * i)));
                }
            }
            return out;
        }

        /** A list of structs (inline composite); each element as a struct; empty when unset. */
        List<Struct> structList(int index) {
            Target list = pointer(index);
            List<Struct> out = new ArrayList<>();
            if (list == null || (list.layout() & 3) != 1 || ((list.layout() >>> 32) & 7) != 7) {
                return out;
            }
            long tag = segments[list.segment()].getLong(list.position());
            int count = ((int) tag) >> 2;
            int dataWords = (int) ((tag >>> 32) & 0xFFFF);
            int ptrs = (int) ((tag >>> 48) & 0xFFFF);
            int step = 8 * (dataWords + ptrs);
            for (int i = 0; i < count; i++) {
                out.add(new Struct(list.segment(), list.position() + 8 + i * step, dataWords * 8, ptrs));
            }
            return out;
        }
    }

    private byte[] bytes(Target target) {
        if (target == null || (target.layout() & 3) != 1 || ((target.layout() >>> 32) & 7) != 2) {
            return null;
        }
        byte[] out = new byte[(int) (target.layout() >>> 35)];
        segments[target.segment()].get(target.position(), out);
        return out;
    }
}
