// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.FaultyVolume.Fault;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's probe of its storage: no probe write while the store's own writes become durable, a probe on an idle
 * store, and a storage that does not answer the probe reported as such, with when it began and the cause, until it
 * answers again. Takes about 15 s: the probe period is 3 s.
 */
class ProbeTest {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final UUID STREAM = new UUID(0x9e0, 1);

    @TempDir
    Path dir;

    @Test
    void givenBusyThenIdleThenSilentStorage_whenProbing_thenProbesOnlyWhenIdleAndSaysTheStorageIsNotAnswering()
            throws Exception {
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, StoreOptions.defaults())) {
            store.create(STREAM, "probe/busy", Map.of(), Map.of());
            // every insert syncs the log (the default policy): a durable write every 200 ms for twice the period
            for (int i = 0; i < 30; i++) {
                store.insert(STREAM, new long[] {BASE + i}, new double[] {i}, 0, 1, MergePolicy.NEVER);
                Thread.sleep(200);
            }
            assertEquals(0, volume.probes(), "probe writes while the store's writes were durable");

            StandbyContract.waitFor(() -> volume.probes() > 0, 10_000, "an idle store never probed");

            volume.inject(Fault.NOT_ANSWERING, "", Integer.MAX_VALUE);
            StandbyContract.waitFor(
                    () -> !store.describeWriteFailure("rados").isEmpty(), 10_000, "the silent storage not reported");
            String health = store.describeWriteFailure("rados");
            assertTrue(health.startsWith("storage not answering [backend=rados, since=20"), health);
            assertTrue(
                    health.endsWith(", last error=probe write failed: probe write failed [object=probe,"
                            + " error=Connection timed out (ETIMEDOUT), injected]]"),
                    health);

            volume.heal();
            StandbyContract.waitFor(
                    () -> store.describeWriteFailure("rados").isEmpty(), 10_000, "the store never recovered");
        }
    }
}
