// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    private static final byte[] COMMAND =
            Commands.encode(7734, Commands.TURN_ON, 1, 1_149_577_200L, 0).array();

    @Test
    void givenCheckString_whenCrcComputed_thenCcittFalseCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.compute(check, 0, check.length));
    }

    @Test
    void givenTurnOnCommand_whenEncoded_thenEighteenBytesWithHeaderAndGoodCrc() {
        ByteBuffer frame = ByteBuffer.wrap(COMMAND);
        assertEquals(18, COMMAND.length);
        assertEquals(0xAA41, frame.getShort(0) & 0xFFFF);
        assertEquals(FrameType.COMMAND, Frames.type(frame, 0));
        assertEquals(18, Frames.size(frame, 0));
        assertEquals(7734, Frames.idcode(frame, 0));
        assertEquals(1_149_577_200L, Frames.soc(frame, 0));
        assertEquals(Commands.TURN_ON, Commands.command(frame, 0));
        assertEquals(true, Frames.isCrcGood(frame, 0, 18));
    }

    @Test
    void givenGarbageBeforeFrame_whenScanned_thenGarbageSkippedAndCounted() {
        ByteBuffer in = ByteBuffer.wrap(FrameBuilder.concat(new byte[] {1, 2, (byte) 0xAA, 3}, COMMAND));
        FrameScanner scanner = new FrameScanner();

        assertEquals(18, scanner.next(in));
        assertEquals(4, in.position());
        assertEquals(4, scanner.skippedBytes());
    }

    @Test
    void givenFrameSplitAcrossReads_whenScanned_thenPartialFrameLeftUntilWhole() {
        FrameScanner scanner = new FrameScanner();
        ByteBuffer first = ByteBuffer.wrap(COMMAND, 0, 10).slice();

        assertEquals(0, scanner.next(first));
        assertEquals(0, first.position());
        assertEquals(18, scanner.next(ByteBuffer.wrap(COMMAND)));
        assertEquals(0, scanner.skippedBytes());
    }

    @Test
    void givenFrameOfKnownSizeCarryingAWholeFrameInside_whenSplit_thenWaitsForItInsteadOfResyncing() {
        byte[] header = FrameBuilder.frame(
                FrameType.HEADER, 1, 7, 0, 0, FrameBuilder.concat(new byte[] {1}, COMMAND, new byte[] {2}));
        FrameScanner scanner = new FrameScanner();
        assertEquals(header.length, scanner.next(ByteBuffer.wrap(header)));
        ByteBuffer partial = ByteBuffer.wrap(header, 0, header.length - 1).slice();

        assertEquals(0, scanner.next(partial));

        assertEquals(0, partial.position());
        assertEquals(0, scanner.skippedBytes());
    }

    @Test
    void givenBadCrc_whenScanned_thenFrameCountedBadAndNextFrameFound() {
        byte[] bad = COMMAND.clone();
        bad[15] ^= 0x01;
        ByteBuffer in = ByteBuffer.wrap(FrameBuilder.concat(bad, COMMAND));
        FrameScanner scanner = new FrameScanner();

        assertEquals(18, scanner.next(in));
        assertEquals(18, in.position());
        assertEquals(1, scanner.badFrames());
    }

    @Test
    void givenTwoFramesInOneRead_whenScanned_thenBothReturnedInOrder() {
        ByteBuffer in = ByteBuffer.wrap(FrameBuilder.concat(COMMAND, COMMAND));
        FrameScanner scanner = new FrameScanner();
        assertEquals(18, scanner.next(in));
        in.position(in.position() + 18);
        assertEquals(18, scanner.next(in));
        in.position(in.position() + 18);
        assertEquals(0, scanner.next(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void givenHeaderFrame_whenRead_thenTextTrimmed() {
        byte[] header = FrameBuilder.frame(
                FrameType.HEADER, 2, 7, 0, 0, "Hello I'm Header Frame.\0\0".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer in = ByteBuffer.wrap(header);
        assertEquals(header.length, new FrameScanner().next(in));
        assertEquals("Hello I'm Header Frame.", Commands.headerText(in, 0));
        assertEquals(2, Frames.version(in, 0));
    }
}
