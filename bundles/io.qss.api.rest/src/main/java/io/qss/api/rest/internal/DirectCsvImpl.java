// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.DirectCsv;
import io.qss.api.rest.DirectCsvRequest;
import io.qss.store.StoreException;
import io.qss.store.TimeSeriesStore;
import io.qss.store.Version;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link DirectCsv} over the store, written by the same {@link MultiCsvWriter} as {@code POST /directcsv}, so both
 * produce the same bytes. A stream the store does not know is an empty column, as in {@code /directcsv}. Stateless,
 * hence thread-safe.
 */
@Component(service = DirectCsv.class)
public final class DirectCsvImpl implements DirectCsv {

    private final TimeSeriesStore store;

    @Activate
    public DirectCsvImpl(@Reference TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    public long estimateRows(DirectCsvRequest request) {
        MultiCsvWriter writer = writer(request, request.streams());
        return writer.rowsUntil(writer.requestedEnd());
    }

    @Override
    public long write(DirectCsvRequest request, Writer out) throws StoreException, IOException {
        List<UUID> known = new ArrayList<>(request.streams().size());
        for (UUID uuid : request.streams()) {
            known.add(store.stream(uuid).isPresent() ? uuid : null);
        }
        MultiCsvWriter writer = writer(request, known);
        long end = writer.effectiveEnd(Version.LATEST);
        writer.write(out, end);
        return writer.rowsUntil(end);
    }

    private MultiCsvWriter writer(DirectCsvRequest request, List<UUID> streams) {
        CsvRequest csv = new CsvRequest(request.streams(), request.labels(), request.start(), request.end(),
                request.pointWidth(), 0);
        return new MultiCsvWriter(store, request.zone(), csv, streams);
    }
}
