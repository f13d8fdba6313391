// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.internal.MultiCsvServlet.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.Servlet;

/** The BTrDB 3.x endpoints by servlet path spec, plus the 404 answer for every other path. */
final class Endpoints {

    private Endpoints() {}

    static Map<String, Servlet> of(RestApi api) {
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("/data/uuid/*", new DataServlet(api));
        servlets.put("/csv/uuid/*", new CsvServlet(api));
        servlets.put("/directcsv", new MultiCsvServlet(api, Mode.DIRECT));
        servlets.put("/wrappedcsv", new MultiCsvServlet(api, Mode.WRAPPED));
        servlets.put("/alignedcsv", new MultiCsvServlet(api, Mode.ALIGNED));
        servlets.put("/q/nearest/*", new NearestServlet(api));
        servlets.put("/q/bracket", new BracketServlet(api));
        servlets.put("/data/add/*", new InsertServlet(api, false));
        servlets.put("/data/legacyadd/*", new InsertServlet(api, true));
        servlets.put("/", new NotFoundServlet());
        return servlets;
    }
}
