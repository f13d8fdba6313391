// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

import io.qss.store.api.StoreException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The right to write a volume, held by one process at a time. A lease on a shared backend expires unless renewed
 * (the backend renews it in the background); a process that died loses it after that expiry, so a standby can take
 * over.
 */
@ConsumerType
public interface WriterLease extends AutoCloseable {

    /** Who holds it, as given to {@link StoreVolume#acquireWriter}. */
    String holder();

    /**
     * Fencing check, called before each commit is made visible: returns only while this process still holds the
     * lease with margin to spare.
     *
     * @throws StoreException {@code UNAVAILABLE} when the lease was lost (expired, taken over) or cannot be confirmed
     */
    void check() throws StoreException;

    /** Releases the lease. */
    @Override
    void close() throws StoreException;
}
