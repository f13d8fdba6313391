// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

import org.osgi.annotation.versioning.ConsumerType;

/** Told after each file of an import; called on the importing thread. */
@ConsumerType
@FunctionalInterface
public interface ImportProgress {

    /** {@code done} of {@code total} files handled; {@code path} is the last one, {@code outcome} what happened. */
    void progress(int done, int total, String path, String outcome);
}
