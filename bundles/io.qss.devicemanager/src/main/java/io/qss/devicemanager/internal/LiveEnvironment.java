// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.devicemanager.internal.transport.NetLoop;
import io.qss.registry.DeviceCatalog;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every live device shares: the session workers (and, for the devices' serial executors, the same workers
 * batched per network round), the control thread (timers), the catalog, the sink flusher, the network loop and the
 * settings. Immutable.
 */
record LiveEnvironment(
        ExecutorService workers,
        Executor sessions,
        ScheduledExecutorService control,
        DeviceCatalog catalog,
        SinkFlusher flusher,
        NetLoop loop,
        ManagerSettings settings) {}
