// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.query.CsvExport;
import io.qss.query.MultiStreamCsv;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/csv}: the selected streams as one CSV file in REST's {@code /directcsv} layout
 * ({@link MultiStreamCsv}, so both write the same bytes), optionally after comment lines naming each column.
 * Thread-safe.
 */
final class CsvRoute {

    private final TimeSeriesStore store;
    private final StreamCatalog catalog;
    private final PlotterSettings settings;

    CsvRoute(TimeSeriesStore store, StreamCatalog catalog, PlotterSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.settings = settings;
    }

    void csv(Route.Call call) throws IOException, ApiException, StoreException {
        HttpServletRequest request = call.request();
        List<UUID> uuids = Params.uuids(request);
        String[] given = request.getParameterValues("label");
        List<String> labels = new ArrayList<>();
        List<StreamCatalog.Entry> entries = new ArrayList<>();
        for (int i = 0; i < uuids.size(); i++) {
            StreamCatalog.Entry entry = catalog.readable(call.caller(), uuids.get(i));
            String label = given != null && i < given.length ? given[i].trim() : "";
            labels.add(label.isEmpty() ? entry.path() : label);
            entries.add(entry);
        }
        long start = Params.time(request, "start");
        long end = Params.time(request, "end");
        int pw = Params.pointWidth(request, "pw");
        if (end <= start) {
            throw ApiException.badRequest("end must be after start [start=" + start + ", end=" + end + "]");
        }
        boolean metadata = flag(request, "metadata");
        CsvExport export = CsvExport.aligned(uuids, labels, start, end, pw, zone(request));
        MultiStreamCsv writer = new MultiStreamCsv(store, MultiStreamCsv.withoutUnknownStreams(store, export));
        long rows = writer.rowsUntil(writer.requestedEnd());
        if (rows > settings.csvMaxRows()) {
            throw ApiException.badRequest("CSV export too large; choose a larger point width or a shorter range [rows="
                    + rows + ", max=" + settings.csvMaxRows() + ", pw=" + pw + "]");
        }
        HttpServletResponse response = call.response();
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"data.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out =
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        if (metadata) {
            writeMetadata(export, entries, out);
        }
        writer.writeLatest(out);
        out.flush();
    }

    /**
     * Comment lines ahead of the CSV header that say what each column holds and what was exported, so a file read
     * long after the export still names its streams (Mr. Plotter's "embed metadata").
     */
    private static void writeMetadata(CsvExport export, List<StreamCatalog.Entry> entries, Writer out)
            throws IOException {
        out.write("# qss plotter CSV export\n");
        out.write("# range: start=" + export.start() + " ns (" + instant(export.start(), export.zone()) + "), end="
                + export.end() + " ns (" + instant(export.end(), export.zone()) + ")\n");
        out.write("# point width: pw=" + export.pointWidth() + " (windows of 2^" + export.pointWidth() + " = "
                + (1L << export.pointWidth()) + " ns)\n");
        for (int i = 0; i < entries.size(); i++) {
            StreamCatalog.Entry entry = entries.get(i);
            out.write("# column " + (i + 1) + ": label="
                    + oneLine(export.labels().get(i)) + ", uuid="
                    + entry.info().uuid() + ", path=" + oneLine(entry.path()) + ", unit=" + oneLine(entry.unit())
                    + "\n");
        }
    }

    private static String instant(long ns, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L))
                .atZone(zone)
                .toOffsetDateTime()
                .toString();
    }

    /**
     * A label typed by the user must neither end the comment line and start a CSV row, nor (through a comma) start a
     * cell of its own in a spreadsheet that reads comment lines as rows, where {@code =...} would run as a formula.
     * The exact label is in the header row.
     */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace(',', ';');
    }

    private static boolean flag(HttpServletRequest request, String name) throws ApiException {
        String value = request.getParameter(name);
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        throw ApiException.badRequest("not true or false [" + name + "=" + value + "]");
    }

    private static ZoneId zone(HttpServletRequest request) throws ApiException {
        String zone = request.getParameter("zone");
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("unknown time zone [zone=" + zone + "]");
        }
    }
}
