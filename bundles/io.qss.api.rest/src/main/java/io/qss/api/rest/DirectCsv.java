// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest;

import io.qss.store.StoreException;
import java.io.IOException;
import java.io.Writer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Multi-stream CSV in the {@code /directcsv} layout (header {@code Time[ns],Time,<L>(cnt),<L>(min),<L>(mean),<L>(max)...},
 * one row per aligned window; label cells quoted per RFC 4180 and, when they start like a spreadsheet formula, prefixed
 * with {@code '}), for front ends other than REST (the plotter). The caller has already checked that
 * the requester may read every stream. Thread-safe; blocks on the store.
 */
@ProviderType
public interface DirectCsv {

    /** Upper bound of the rows {@link #write} would write for {@code request} (windows between start and end). */
    long estimateRows(DirectCsvRequest request);

    /**
     * Writes the header and the rows of {@code request} to {@code out} (not closed), latest version of each stream.
     *
     * @return the number of rows written
     */
    long write(DirectCsvRequest request, Writer out) throws StoreException, IOException;
}
