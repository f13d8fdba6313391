// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.Caller;
import io.qss.query.GoFormat;
import io.qss.query.StoreErrorStatus;
import io.qss.store.api.StoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /csv/uuid/{uuid}}: one stream's aligned windows ({@code pw}, default 0) as CSV with header
 * {@code Time[ns],Mean,Min,Max,Count}. A failure after the header is reported as a last line
 * {@code !ABORT ERROR: <error>} (a failure of the server itself without its text, as in every answer).
 */
final class CsvServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    CsvServlet(RestApi api) {
        super(api, false);
    }

    @Override
    protected void serve(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws RestException, StoreException, IOException {
        RangeParams range = RangeParams.of(request);
        int requested = RangeParams.pointWidth(request.getParameter("pw"));
        int pw = Math.max(0, requested);
        api.readable(caller, range.uuid()).orElseThrow(() -> RestException.badRequest("query error: No such stream"));
        api.checkRows(Rows.aligned(api.store(), range, pw), "rows");
        response.setContentType(TEXT);
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("Time[ns],Mean,Min,Max,Count\n");
        try {
            api.store()
                    .alignedWindows(
                            range.uuid(),
                            range.start(),
                            range.end(),
                            pw,
                            range.version(),
                            (time, min, mean, max, count) -> row(out, time, min, mean, max, count));
        } catch (StoreException e) {
            out.write("!ABORT ERROR: "
                    + (StoreErrorStatus.isServerFault(e.code()) ? internalError(request, e) : e.getMessage()) + "\n");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static boolean row(Writer out, long time, double min, double mean, double max, long count) {
        try {
            out.write(Long.toString(time));
            out.write(',');
            out.write(GoFormat.fixed6(mean));
            out.write(',');
            out.write(GoFormat.fixed6(min));
            out.write(',');
            out.write(GoFormat.fixed6(max));
            out.write(',');
            out.write(Long.toString(count));
            out.write('\n');
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
