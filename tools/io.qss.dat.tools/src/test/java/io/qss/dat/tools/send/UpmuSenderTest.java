// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.transfer.FrameHeader;
import io.qss.dat.transfer.TransferMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpmuSenderTest {
    @Test
    void givenAckingReceiver_whenFilesSent_thenEachAckedWithIncreasingSendIds() throws Exception {
        try (FakeReceiver receiver = FakeReceiver.acking();
                UpmuSender sender = UpmuSenders.sender(options(receiver.port(), 3))) {
            SendOutcome first = sender.send("2026/01/01/00/a.dat", new byte[] {1, 2, 3, 4, 5});
            SendOutcome second = sender.send("2026/01/01/00/b.dat", new byte[0]);
            assertTrue(first.isAcked());
            assertNull(first.failure());
            assertEquals(1, first.sendId());
            assertEquals(2, second.sendId());
            assertEquals("P3500000", receiver.messages.get(0).serial());
            assertEquals("2026/01/01/00/a.dat", receiver.messages.get(0).path());
            assertArrayEquals(
                    new byte[] {1, 2, 3, 4, 5}, receiver.messages.get(0).data());
        }
    }

    @Test
    void givenReceiverAnsweringZeros_whenFileSent_thenRetriedAndReportedNotAcked() throws Exception {
        try (FakeReceiver receiver = new FakeReceiver(m -> FrameHeader.nack());
                UpmuSender sender = UpmuSenders.sender(options(receiver.port(), 3))) {
            SendOutcome outcome = sender.send("x.dat", new byte[] {7});
            assertFalse(outcome.isAcked());
            assertEquals(3, outcome.attempts());
            assertEquals("file not acknowledged [path=x.dat, sendId=3, attempt=3]", outcome.failure());
            assertEquals(
                    List.of(1L, 2L, 3L),
                    receiver.messages.stream().map(m -> m.header().sendId()).toList());
        }
    }

    @Test
    void givenReceiverFailingOnce_whenFileSent_thenKeptAndAckedOnRetry() throws Exception {
        int[] calls = new int[1];
        try (FakeReceiver receiver = new FakeReceiver(m -> calls[0]++ == 0
                        ? FrameHeader.nack()
                        : FrameHeader.ack(m.header().sendId()));
                UpmuSender sender = UpmuSenders.sender(options(receiver.port(), 3))) {
            SendOutcome outcome = sender.send("x.dat", new byte[] {7});
            assertTrue(outcome.isAcked());
            assertEquals(2, outcome.attempts());
            assertEquals(2, receiver.messages.size());
        }
    }

    @Test
    void givenReceiverHangingUpOnce_whenFileSent_thenReconnectsAndAcked() throws Exception {
        int[] calls = new int[1];
        try (FakeReceiver receiver = new FakeReceiver(
                        m -> calls[0]++ == 0 ? null : FrameHeader.ack(m.header().sendId()));
                UpmuSender sender = UpmuSenders.sender(options(receiver.port(), 3))) {
            SendOutcome outcome = sender.send("x.dat", new byte[] {7});
            assertTrue(outcome.isAcked());
            assertEquals(2, outcome.attempts());
            assertEquals(2, outcome.sendId());
        }
    }

    @Test
    void givenNoReceiver_whenFileSent_thenConnectFailureReported() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        try (UpmuSender sender = UpmuSenders.sender(options(port, 2))) {
            SendOutcome outcome = sender.send("x.dat", new byte[] {7});
            assertFalse(outcome.isAcked());
            assertTrue(
                    outcome.failure().startsWith("file transfer failed [path=x.dat, to=127.0.0.1:" + port),
                    outcome.failure());
        }
    }

    @Test
    void givenDirectoryTree_whenSentAll_thenSortedRelativePathsAndProgress(@TempDir Path dir) throws Exception {
        for (String name : List.of(
                "2026/01/01/01/b.dat", "2026/01/01/00/z.dat", "2026/01/01/00/a.dat", "2026/01/01/00/notes.txt")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.getBytes());
        }
        List<String> progress = new ArrayList<>();
        try (FakeReceiver receiver = FakeReceiver.acking();
                UpmuSender sender = UpmuSenders.sender(options(receiver.port(), 1))) {
            TransferReport report = sender.sendAll(
                    List.of(dir),
                    (o, done, total, bytes, totalBytes) -> progress.add(done + "/" + total + ":" + o.path()));
            assertTrue(report.isComplete());
            assertEquals(3, report.acked());
            assertEquals(
                    List.of("2026/01/01/00/a.dat", "2026/01/01/00/z.dat", "2026/01/01/01/b.dat"),
                    receiver.messages.stream().map(TransferMessage::path).toList());
            assertEquals("3/3:2026/01/01/01/b.dat", progress.get(2));
        }
    }

    private static UpmuSenderOptions options(int port, int attempts) {
        return UpmuSenderOptions.of("127.0.0.1", port, "P3500000")
                .withAckTimeout(Duration.ofSeconds(5))
                .withRetries(attempts, Duration.ofMillis(10), Duration.ofMillis(40));
    }
}
