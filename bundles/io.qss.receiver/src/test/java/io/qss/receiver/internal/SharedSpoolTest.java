// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.receiver.SpooledFile;
import io.qss.store.file.FileVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared spool on the file backend's volume (a temporary directory standing for the cluster): two nodes, each
 * with its own local spool, share it. Files go over a real socket through the receiver's protocol handler.
 */
class SharedSpoolTest {

    private static final long SECONDS = 1_000_000_000L;
    private static final String SERIAL = "P3001234";

    @TempDir
    Path dir;

    private SwitchableVolume volume;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void openVolume() throws Exception {
        volume = new SwitchableVolume(FileVolumes.open(dir.resolve("shared")));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** One qss node: its local spool, its shared spool (polled by the test, not on a timer) and a listener. */
    private final class Node {
        final SpoolImpl spool;
        final SharedSpool shared;
        final List<SpooledFile> notified = new CopyOnWriteArrayList<>();
        final List<Boolean> sharedWhenNotified = new CopyOnWriteArrayList<>();
        ReceiverServer server;

        Node(String name, boolean isBackendThere) throws Exception {
            spool = new SpoolImpl(dir.resolve(name + "/raw"), () -> true, name);
            shared = new SharedSpool("file", "unused", spool);
            closing.add(shared);
            spool.share(shared);
            spool.addListener(f -> {
                notified.add(f);
                sharedWhenNotified.add(hasObject(f.serial(), f.path()));
            });
            if (isBackendThere) {
                shared.backendArrived(volume.backend("file"));
                shared.awaitWorker();
            }
        }

        /** Sends a file as a uPMU does; true when the receiver acknowledged it. */
        boolean send(String path, byte[] data) throws Exception {
            if (server == null) {
                SenderCounters counters = new SenderCounters(100);
                ReceiverPressure pressure = new ReceiverPressure(System::nanoTime, SECONDS * 60);
                UnknownSenderBudget budget =
                        new UnknownSenderBudget(() -> null, spool::deviceDirectory, Long.MAX_VALUE, 1000);
                ConnectionLimits limits = new ConnectionLimits(8, 8, SECONDS * 5, SECONDS * 5, 1024, SECONDS * 5);
                server = new ReceiverServer(
                        "127.0.0.1", 0, new MessageHandler(spool, counters, budget, pressure), limits, pressure);
                server.start();
                closing.add(server::close);
            }
            try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", server.port(), SERIAL))) {
                return sender.sendOnce(path, data);
            }
        }

        Path local(String spoolPath) {
            return spool.deviceDirectory(SERIAL).resolve(spoolPath);
        }
    }

    private boolean hasObject(String serial, String spoolPath) {
        try {
            return volume.length(SharedSpoolNames.objectName(serial, spoolPath)) >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    private byte[] object(String spoolPath) throws Exception {
        return FileVolumes.open(dir.resolve("shared")).readAll(SharedSpoolNames.objectName(SERIAL, spoolPath));
    }

    @Test
    void givenSharedSpool_whenDeviceSendsFile_thenAcknowledgedWithItsCopySharedBeforeSyncHearsOfIt() throws Exception {
        Node a = new Node("a", true);
        byte[] data = {1, 2, 3, 4, 5};

        assertTrue(a.send("/root/upmu_data/2026/12/06/20/a_b.dat", data), "acknowledged");

        assertArrayEquals(data, object("root/upmu_data/2026/12/06/20/a_b.dat"), "the shared copy");
        assertArrayEquals(data, Files.readAllBytes(a.local("root/upmu_data/2026/12/06/20/a_b.dat")), "the local file");
        assertEquals(List.of(true), a.sharedWhenNotified, "the copy was there when the listener was told");
    }

    @Test
    void givenClusterDown_whenDeviceSends_thenRefusedUntilItAnswersAgainAndNothingAcknowledgedUnshared()
            throws Exception {
        Node a = new Node("a", true);
        volume.isDown = true;

        assertFalse(a.send("x/1.dat", new byte[] {1}), "first file after the failure: the copy fails, not acked");
        String refusal = a.shared.refusal();
        assertNotNull(refusal, "refusal named");
        assertTrue(refusal.contains("cluster down"), refusal);
        assertFalse(a.send("x/2.dat", new byte[] {2}), "refused at once while the copy cannot be made");
        assertEquals(List.of(), a.notified, "sync heard of no file that is not shared");
        a.shared.poll();
        assertNotNull(a.shared.refusal(), "still refused: the probe failed");

        volume.isDown = false;
        a.shared.poll();

        assertNull(a.shared.refusal());
        assertTrue(a.send("x/2.dat", new byte[] {2}), "acknowledged again");
        assertArrayEquals(new byte[] {2}, object("x/2.dat"));
        assertFalse(Files.exists(a.local("x/2.dat").resolveSibling("2.dat.part")));
    }

    @Test
    void givenNoBackendYet_whenDeviceSends_thenRefusedNamingTheBackendAndTakenOnceItArrives() throws Exception {
        Node a = new Node("a", false);

        assertFalse(a.send("x/1.dat", new byte[] {1}));
        assertTrue(a.shared.refusal().contains("waiting for store backend 'file'"), a.shared.refusal());

        a.shared.backendArrived(volume.backend("file"));
        a.shared.awaitWorker();

        assertTrue(a.send("x/1.dat", new byte[] {1}));
    }

    @Test
    void givenIngestedFile_whenSyncSaysSo_thenSharedCopyRemovedAndLocalFileKept() throws Exception {
        Node a = new Node("a", true);
        a.send("x/1.dat", new byte[] {1});
        a.send("x/2.dat", new byte[] {2});

        a.spool.ingested(SERIAL, "x/1.dat");
        a.shared.poll(); // the removal runs on the worker; a poll removes too and waits for a running one

        assertNull(object("x/1.dat"), "ingested: copy removed");
        assertArrayEquals(new byte[] {2}, object("x/2.dat"), "not ingested yet: copy kept");
        assertTrue(Files.exists(a.local("x/1.dat")), "the raw archive keeps the file");
    }

    @Test
    void givenFilesAnotherNodeAcknowledged_whenPolled_thenCopiedIntoTheLocalSpoolAndSyncTold() throws Exception {
        Node a = new Node("a", true);
        Node b = new Node("b", true);
        byte[] first = {1, 2};
        byte[] second = {3, 4, 5};
        a.send("/data/2026/a_1.dat", first);
        a.send("/data/2026/a_2.dat", second);
        a.spool.ingested(SERIAL, "data/2026/a_1.dat");
        a.shared.poll();

        b.shared.poll();

        assertFalse(Files.exists(b.local("data/2026/a_1.dat")), "ingested on a before b looked: not pulled");
        assertArrayEquals(second, Files.readAllBytes(b.local("data/2026/a_2.dat")));
        assertEquals(1, b.notified.size(), b.notified.toString());
        assertEquals("data/2026/a_2.dat", b.notified.get(0).path());
        assertArrayEquals(second, object("data/2026/a_2.dat"), "a pulled file stays shared until ingested");

        a.shared.poll();
        b.shared.poll();
        assertEquals(2, a.notified.size(), "a's own files are not pulled again");
        assertEquals(1, b.notified.size(), "b pulls a file once");
    }

    @Test
    void givenPulledFileIngestedOnTakeover_whenSyncSaysSo_thenNoNodeHasItShared() throws Exception {
        Node a = new Node("a", true);
        Node b = new Node("b", true);
        a.send("x/1.dat", new byte[] {9});
        b.shared.poll();

        b.spool.ingested(SERIAL, "x/1.dat");
        b.shared.poll();
        Node c = new Node("c", true);

        assertNull(object("x/1.dat"));
        assertFalse(Files.exists(c.local("x/1.dat")), "a third node finds nothing left to ingest");
    }

    @Test
    void givenFileOfAnotherNodeThatIsNotASafeSpoolPath_whenPolled_thenSkipped() throws Exception {
        Node a = new Node("a", true);
        FileVolumes.open(dir.resolve("shared")).replace("P1/x.dat.tmp", new byte[] {1});
        FileVolumes.open(dir.resolve("shared")).replace("bad_zz/x.dat", new byte[] {1});

        a.shared.poll();

        assertEquals(List.of(), a.notified);
    }

    @Test
    void givenSharedSpool_whenRemoteCopyFailsOnStore_thenStoreThrowsAndLocalFileStaysUnannounced() throws Exception {
        Node a = new Node("a", true);
        volume.isDown = true;

        IOException e = assertThrows(IOException.class, () -> a.spool.store(SERIAL, "y/1.dat", new byte[] {1}));

        assertTrue(
                e.getMessage().startsWith("copying the file to the shared spool failed [serial=P3001234"),
                e.getMessage());
        assertEquals(List.of(), a.notified);
    }
}
