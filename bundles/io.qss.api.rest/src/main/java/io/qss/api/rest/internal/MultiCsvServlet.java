// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.query.CsvExport;
import io.qss.query.MultiStreamCsv;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /directcsv} (JSON body), {@code /wrappedcsv} (the same JSON in form field {@code body}) and
 * {@code /alignedcsv} (exact windows of {@code WindowWidth}): several streams side by side as a CSV attachment.
 * Streams the caller may not read are empty columns in direct CSV and an error in aligned CSV.
 */
final class MultiCsvServlet extends ApiServlet {

    /** Which of the three endpoints. */
    enum Mode {
        DIRECT,
        WRAPPED,
        ALIGNED
    }

    private static final long serialVersionUID = 1L;

    private final Mode mode;

    MultiCsvServlet(RestApi api, Mode mode) {
        super(api, true);
        this.mode = mode;
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        String body = mode == Mode.WRAPPED
                ? request.getParameter("body")
                : new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        CsvRequest csv = CsvRequest.parse(body == null ? "" : body, mode == Mode.ALIGNED);
        List<UUID> visible = new ArrayList<>();
        for (UUID uuid : csv.uuids()) {
            boolean isReadable = api.readable(caller, uuid).isPresent();
            if (!isReadable && mode == Mode.ALIGNED) {
                throw RestException.badRequest("Stream " + uuid + " does not exist");
            }
            visible.add(isReadable ? uuid : null);
        }
        MultiStreamCsv writer = new MultiStreamCsv(
                api.store(),
                new CsvExport(
                        visible,
                        csv.labels(),
                        csv.start(),
                        csv.end(),
                        csv.pointWidth(),
                        csv.windowWidth(),
                        api.csvZone()));
        long end = writer.effectiveEnd(Version.LATEST);
        api.checkRows(writer.rowsUntil(end), "rows");
        response.setContentType(TEXT);
        response.setHeader("Content-Disposition", "attachment; filename=\"quasar_results.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        writer.write(out, end);
        out.flush();
    }
}
