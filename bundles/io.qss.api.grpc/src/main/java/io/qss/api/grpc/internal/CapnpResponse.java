// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes 3.x Responses as framed single-segment Cap'n Proto messages. Response: echoTag u64 @0, statusCode u16 @8,
 * {@code final} bit 80, union tag u16 @12, payload pointer 0; the payload structs and lists follow the root.
 */
final class CapnpResponse {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int NO_SUCH_STREAM_OR_VERSION = 2;
    static final int INVALID_PARAMETER = 3;
    static final int NO_SUCH_POINT = 4;

    static final int VOID = 0;
    static final int RECORDS = 1;
    static final int STATISTICAL_RECORDS = 2;
    static final int VERSION_LIST = 3;
    static final int CHANGED_RANGES = 4;

    private static final int ROOT_WORDS = 4;

    private CapnpResponse() {}

    /** A response without payload (void), e.g. an error or an insert acknowledgement. */
    static byte[] status(long echoTag, int statusCode, boolean isFinal) {
        long[] words = new long[ROOT_WORDS];
        root(words, echoTag, statusCode, isFinal, VOID);
        return frame(words);
    }

    /**
     * Records, StatisticalRecords or Ranges: a struct (8 data bytes = version, 1 pointer) holding a list of {@code
     * n} structs of {@code wordsPerElement} data words, taken from {@code elements} (n × wordsPerElement words).
     */
    static byte[] list(
            long echoTag, boolean isFinal, int union, long version, long[] elements, int n, int wordsPerElement) {
        long[] words = new long[ROOT_WORDS + 2 + 1 + n * wordsPerElement];
        root(words, echoTag, OK, isFinal, union);
        words[3] = structPointer(0, 1, 1);
        words[4] = version;
        words[5] = listPointer(0, 7, n * wordsPerElement);
        words[6] = ((long) n << 2) | ((long) wordsPerElement << 32);
        System.arraycopy(elements, 0, words, 7, n * wordsPerElement);
        return frame(words);
    }

    /** Versions: uuids List(Data) and versions List(UInt64). */
    static byte[] versions(long echoTag, List<byte[]> uuids, long[] versions) {
        int n = uuids.size();
        long[] words = new long[ROOT_WORDS + 2 + n + n * 2 + n];
        root(words, echoTag, OK, true, VERSION_LIST);
        words[3] = structPointer(0, 0, 2);
        int uuidPointers = 6;
        int uuidData = uuidPointers + n;
        int versionList = uuidData + 2 * n;
        words[4] = listPointer(uuidPointers - 5, 6, n);
        words[5] = listPointer(versionList - 6, 5, n);
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int pointer = uuidPointers + i;
            int data = uuidData + 2 * i;
            words[pointer] = listPointer(data - pointer - 1, 2, 16);
            buffer.clear();
            buffer.put(uuids.get(i), 0, Math.min(16, uuids.get(i).length)).flip();
            words[data] = buffer.getLong(0);
            words[data + 1] = buffer.getLong(8);
            words[versionList + i] = versions[i];
        }
        return frame(words);
    }

    private static void root(long[] words, long echoTag, int statusCode, boolean isFinal, int union) {
        words[0] = structPointer(0, 2, 1);
        words[1] = echoTag;
        words[2] = (statusCode & 0xFFFFL) | ((isFinal ? 1L : 0L) << 16) | ((long) (union & 0xFFFF) << 32);
    }

    static long structPointer(int offsetWords, int dataWords, int pointers) {
        return ((long) offsetWords << 2 & 0xFFFFFFFFL) | ((long) dataWords << 32) | ((long) pointers << 48);
    }

    static long listPointer(int offsetWords, int elementSize, int count) {
        return 1L | ((long) offsetWords << 2 & 0xFFFFFFFFL) | ((long) elementSize << 32) | ((long) count << 35);
    }

    private static byte[] frame(long[] words) {
        ByteBuffer out = ByteBuffer.allocate(8 + 8 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).putInt(words.length);
        for (long word : words) {
            out.putLong(word);
        }
        return out.array();
    }
}
