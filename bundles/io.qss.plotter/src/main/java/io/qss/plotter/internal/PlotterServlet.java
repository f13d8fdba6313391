// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The plotter's HTTP surface, documented in docs/plotter.md: the page and its files ({@link PageRoute}), and the JSON
 * API under {@code /api/}, routed by method and first path segment to the accounts ({@link AccountRoutes}), store
 * reads ({@link DataRoutes}), CSV export ({@link CsvRoute}) and permalinks ({@link PermalinkRoutes}). Every failure is
 * answered by {@link ErrorAnswers}. Plain servlet code, so it runs the same in the container and in tests.
 * Thread-safe.
 */
final class PlotterServlet extends HttpServlet {

    static final String COOKIE = AccountRoutes.COOKIE;

    private static final long serialVersionUID = 1L;

    private final transient AccountRoutes accounts;
    private final transient PageRoute pages;
    private final transient Map<String, Route> routes;
    private final String instance = UUID.randomUUID().toString();

    PlotterServlet(
            TimeSeriesStore store,
            AccessControl access,
            AuthAdmin admin,
            Sessions sessions,
            Permalinks permalinks,
            LoginThrottle throttle,
            BooleanSupplier isAcceptingData,
            PlotterSettings settings) {
        StreamCatalog catalog = new StreamCatalog(store, access);
        this.accounts = new AccountRoutes(access, admin, sessions, throttle, settings);
        this.pages = new PageRoute(new StaticFiles(PlotterServlet.class.getClassLoader()));
        DataRoutes data = new DataRoutes(store, catalog, isAcceptingData, settings);
        CsvRoute csv = new CsvRoute(store, catalog, settings);
        PermalinkRoutes links = new PermalinkRoutes(permalinks);
        this.routes = Map.ofEntries(
                Map.entry("POST login", accounts::login),
                Map.entry("POST logout", accounts::logout),
                Map.entry("GET session", accounts::session),
                Map.entry("POST password", accounts::password),
                Map.entry("GET streams", data::streams),
                Map.entry("GET bracket", data::bracket),
                Map.entry("GET data", data::data),
                Map.entry("GET multi", data::multi),
                Map.entry("GET usage", data::usage),
                Map.entry("POST permalinks", links::save),
                Map.entry("GET permalinks", links::load),
                Map.entry("GET csv", csv::csv));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if ("TRACE".equals(request.getMethod()) || "TRACK".equals(request.getMethod())) {
                // echoing a request would hand its session cookie to a script that can send one
                throw new ApiException(405, "method not allowed [method=" + request.getMethod() + "]");
            }
            if (path.startsWith("/api/")) {
                api(request, response, path.substring("/api/".length()));
            } else {
                pages.serve(request, response, path);
            }
        } catch (ApiException | StoreException | AuthException | RuntimeException e) {
            // an IOException is the connection's: there is no one left to answer
            ErrorAnswers.answer(request, response, path, e);
        }
    }

    /** The id {@code GET /api/instance} answers, so a probe of the port can tell this plotter from any other server. */
    String instance() {
        return instance;
    }

    private void api(HttpServletRequest request, HttpServletResponse response, String route)
            throws IOException, ApiException, StoreException, AuthException {
        String method = request.getMethod();
        if ("GET".equals(method) && route.equals("instance")) {
            writeInstance(request, response); // the health probe: answered without touching sessions (MongoDB)
            return;
        }
        Caller caller = accounts.caller(request);
        int slash = route.indexOf('/');
        String name = slash < 0 ? route : route.substring(0, slash);
        Route target = routes.get(method + " " + name);
        if (target == null) {
            throw ApiException.notFound("no such API call [method=" + method + ", path=/api/" + route + "]");
        }
        target.serve(new Route.Call(request, response, caller, slash < 0 ? "" : route.substring(slash + 1)));
    }

    private void writeInstance(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("instance", instance);
            json.writeEndObject();
        }
    }
}
