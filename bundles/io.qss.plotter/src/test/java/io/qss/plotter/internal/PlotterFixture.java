// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoDatabase;
import io.qss.api.rest.internal.SuiteData;
import io.qss.api.rest.internal.TestData;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.TimeSeriesStore;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The plotter's servlet on a real Jetty over the query suites' data ({@link SuiteData}: a real store holding
 * {@link TestData}, real access control over embedded MongoDB), keeping sessions and permalinks in that MongoDB. Accounts: {@code alice}/{@code secret} with tag {@code lab} (sees {@code /lab}), {@code bob}/
 * {@code hunter2} with no extra tag. Close it after use.
 */
final class PlotterFixture extends SuiteData {

    static final long MAX_WINDOWS = 10_000;
    static final long CSV_MAX_ROWS = 5_000;

    final MongoDatabase database;
    final AtomicBoolean isAccepting = new AtomicBoolean(true);
    final MutableClock clock = new MutableClock();
    final PlotterServlet servlet;
    private final Server jetty;

    PlotterFixture() throws Exception {
        this(UnaryOperator.identity());
    }

    /** A plotter over the store as {@code storeView} shows it (e.g. one that fails every query). */
    PlotterFixture(UnaryOperator<TimeSeriesStore> storeView) throws Exception {
        database = mongo.getDatabase("mr_plotter");
        access.putAccount("alice", "secret", Set.of("lab"));
        access.putAccount("bob", "hunter2", Set.of());
        servlet = new PlotterServlet(
                storeView.apply(store),
                access,
                access,
                sessions(),
                new Permalinks(database.getCollection("permalinks"), clock),
                new LoginThrottle(clock),
                new DiskGuardView(() -> List.of(receiverHealth())),
                new PlotterSettings(MAX_WINDOWS, CSV_MAX_ROWS, 3600, 5, 2, 16));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.setHandler(context);
        jetty.start();
    }

    /** The receiver's health as the plotter reads it: {@link #isAccepting} is its disk guard. */
    private ComponentHealth receiverHealth() {
        return new ComponentHealth() {
            @Override
            public String componentName() {
                return DiskGuardView.RECEIVER;
            }

            @Override
            public HealthReport health() {
                return new HealthReport(
                        isAccepting.get() ? HealthState.UP : HealthState.DEGRADED,
                        "",
                        Map.of(DiskGuardView.FIGURE, isAccepting.get()));
            }
        };
    }

    /** A new session store over the same collection, as after a restart of the plotter. */
    Sessions sessions() {
        return new Sessions(database.getCollection("sessions"), access, access, 3600, clock);
    }

    String base() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** A browser: its own cookie jar. */
    Browser browser() {
        return new Browser(
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    final class Browser {
        final HttpClient http;

        Browser(HttpClient http) {
            this.http = http;
        }

        HttpResponse<String> get(String pathAndQuery) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base() + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            return post("/api/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
        }
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        super.close();
    }
}
