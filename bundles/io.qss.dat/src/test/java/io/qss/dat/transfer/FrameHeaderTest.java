// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ProtocolException;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {
    @Test
    void givenHeader_whenEncoded_thenFourLittleEndianUint32() {
        byte[] bytes = new FrameHeader(0xFFFF_FFFEL, 5, 8, 378_720).encode();
        assertArrayEquals(new byte[] {(byte) 0xFE, -1, -1, -1, 5, 0, 0, 0, 8, 0, 0, 0, 0x60, (byte) 0xC7, 5, 0}, bytes);
        assertEquals(new FrameHeader(0xFFFF_FFFEL, 5, 8, 378_720), FrameHeader.decode(bytes, 0));
    }

    @Test
    void givenSendIds_whenAdvanced_thenStartAtOneAndWrapToOneNeverZero() {
        assertEquals(1, FrameHeader.nextSendId(0));
        assertEquals(2, FrameHeader.nextSendId(1));
        assertEquals(0xFFFF_FFFEL, FrameHeader.nextSendId(0xFFFF_FFFDL));
        assertEquals(1, FrameHeader.nextSendId(0xFFFF_FFFEL));
        assertFalse(FrameHeader.isAck(FrameHeader.nack(), 0));
        assertTrue(FrameHeader.isAck(FrameHeader.ack(0xFFFF_FFFEL), 0xFFFF_FFFEL));
    }

    @Test
    void givenMessage_whenPreambleAndDataRead_thenPaddingStripped() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] preamble = FrameHeader.encodePreamble(3, "2026/x.dat", "P3001035", 3);
        assertEquals(16 + 12 + 8, preamble.length);
        wire.writeBytes(preamble);
        wire.writeBytes(new byte[] {9, 8, 7});
        TransferMessage message = TransferMessage.read(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals("2026/x.dat", message.path());
        assertEquals("P3001035", message.serial());
        assertArrayEquals(new byte[] {9, 8, 7}, message.data());
        assertEquals(3, message.header().sendId());
        assertNull(TransferMessage.read(new ByteArrayInputStream(new byte[0])));
        assertThrows(EOFException.class, () -> TransferMessage.read(new ByteArrayInputStream(preamble)));
    }

    @Test
    void givenOversizedPath_whenRead_thenProtocolException() {
        byte[] header = new FrameHeader(1, 513, 8, 0).encode();
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> TransferMessage.read(new ByteArrayInputStream(header)));
        assertEquals("transfer header rejected: path too long [pathLength=513, max=512]", e.getMessage());
    }
}
