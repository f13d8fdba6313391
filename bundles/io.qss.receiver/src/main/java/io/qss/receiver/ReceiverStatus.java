// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The receiver's view of its senders, known or not. Thread-safe; answers from memory. */
@ProviderType
public interface ReceiverStatus {

    /** Every serial that sent something, sorted by serial (counters persist in {@code upmu_database.latest_times}). */
    List<SenderStats> senders();
}
