// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about every file the spool stored (received or imported), right after it became durable; register it with
 * {@link Spool#addListener}. Called on the storing thread: return quickly, never block.
 */
@ConsumerType
public interface SpoolListener {

    /** {@code file} is durably in the spool. */
    void spooled(SpooledFile file);
}
