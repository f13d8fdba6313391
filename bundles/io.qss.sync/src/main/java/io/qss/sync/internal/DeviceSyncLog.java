// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.IngestResult;
import io.qss.registry.RegisteredDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What sync logs about one device: one line per synced file; a failure that repeats (a paused device retried every
 * refresh) and a mode mismatch (every file of a misconfigured device) once, then at most once a minute with how often
 * they recurred meanwhile. Thread-safe.
 */
final class DeviceSyncLog {

    // The lines keep the logger name they always had, so existing log filters still match.
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSync.class);
    private static final long SLOW_MILLIS = 2000;
    private static final long PERIOD_MILLIS = 60_000;

    private final RepeatLimiter failures = new RepeatLimiter(PERIOD_MILLIS, System::currentTimeMillis);
    private final RepeatLimiter mismatches = new RepeatLimiter(PERIOD_MILLIS, System::currentTimeMillis);

    void synced(RegisteredDevice d, String path, IngestResult result, long millis) {
        failures.cleared(
                n -> LOG.info("sync resumed [alias={}, serial={}, failedAttempts={}]", d.alias(), d.serial(), n));
        if (millis > SLOW_MILLIS) {
            LOG.warn(
                    "synced file, slowly [alias={}, serial={}, path={}, points={}, millis={}]",
                    d.alias(),
                    d.serial(),
                    path,
                    result.samples(),
                    millis);
        } else {
            LOG.info(
                    "synced file [alias={}, serial={}, path={}, points={}, millis={}]",
                    d.alias(),
                    d.serial(),
                    path,
                    result.samples(),
                    millis);
        }
        if (!result.warnings().isEmpty()) {
            LOG.warn(
                    "file synced with problems [serial={}, path={}, problems={}]", d.serial(), path, result.warnings());
        }
        if (result.configMismatch().isEmpty()) {
            mismatches.cleared();
            return;
        }
        mismatches.occurred(
                result.configMismatch(),
                heldBack ->
                        LOG.warn("{} [path={}, filesSinceLastLogged={}]", result.configMismatch(), path, heldBack + 1));
    }

    void paused(RegisteredDevice d, String path, String reason, Exception e) {
        failures.occurred(
                reason,
                heldBack -> LOG.error(
                        "sync paused, retrying later [serial={}, path={}, " + "heldBackSinceLastLogged={}]",
                        d.serial(),
                        path,
                        heldBack,
                        e));
    }

    void notSynced(RegisteredDevice d, String path, String reason) {
        LOG.warn("file not synced: {} [serial={}, path={}]", reason, d.serial(), path);
    }
}
