// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.api.rest.internal.DirectCsvImpl;
import io.qss.api.rest.internal.TestData;
import io.qss.auth.internal.AccessControlImpl;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The plotter's servlet on a real Jetty over a real store (the REST tests' {@link TestData}), real access control
 * and embedded MongoDB. Accounts: {@code alice}/{@code secret} with tag {@code lab} (sees {@code /lab}), {@code bob}/
 * {@code hunter2} with no extra tag. Close it after use.
 */
final class PlotterFixture implements AutoCloseable {

    static final long MAX_WINDOWS = 10_000;
    static final long CSV_MAX_ROWS = 5_000;

    final Path dir;
    final TimeSeriesStoreImpl store;
    final AccessControlImpl access;
    final MongoDatabase database;
    final AtomicBoolean isAccepting = new AtomicBoolean(true);
    final MutableClock clock = new MutableClock();
    private final MongoServer mongoServer;
    private final MongoClient mongo;
    private final Server jetty;

    PlotterFixture() throws Exception {
        dir = Files.createTempDirectory("qss-plotter-test");
        store = TimeSeriesStoreImpl.open(dir.resolve("store"), StoreOptions.defaults());
        TestData.load(store);
        mongoServer = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        database = mongo.getDatabase("mr_plotter");
        access = AccessControlImpl.over(mongo, Map.of("public", List.of("/upmu"), "all", List.of("/")));
        access.reload();
        access.setTagPrefixes("lab", List.of("/lab"));
        access.putAccount("alice", "secret", Set.of("lab"));
        access.putAccount("bob", "hunter2", Set.of());
        PlotterServlet servlet = new PlotterServlet(store, access, access, new DirectCsvImpl(store),
                sessions(), new Permalinks(database.getCollection("permalinks"), clock), new LoginThrottle(clock),
                isAccepting::get,
                new PlotterSettings(MAX_WINDOWS, CSV_MAX_ROWS, 3600, 5));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/*");
        jetty.setHandler(context);
        jetty.start();
    }

    /** A new session store over the same collection, as after a restart of the plotter. */
    Sessions sessions() {
        return new Sessions(database.getCollection("sessions"), access, 3600, clock);
    }

    String base() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** A browser: its own cookie jar. */
    Browser browser() {
        return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    final class Browser {
        final HttpClient http;

        Browser(HttpClient http) {
            this.http = http;
        }

        HttpResponse<String> get(String pathAndQuery) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
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
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        store.close();
        mongo.close();
        mongoServer.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
