// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.auth.internal.AccessControlImpl;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import io.qss.store.MergePolicy;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.servlet.Servlet;

/**
 * A REST listener over a real store and real access control (embedded MongoDB), with known data:
 * {@link TestData}. Keys: {@link #labReader} (tag {@code lab}), {@link #writer} (tags {@code lab}, {@code all},
 * write). Close it after use.
 */
final class RestFixture implements AutoCloseable {

    static final long MAX_RAW_POINTS = 100_000;

    final Path dir;
    final TimeSeriesStoreImpl store;
    final AccessControlImpl access;
    final HttpListener listener;
    final String labReader;
    final String writer;
    private final MongoServer mongoServer;
    private final MongoClient mongo;
    private final HttpClient http = HttpClient.newHttpClient();

    RestFixture() throws Exception {
        dir = Files.createTempDirectory("qss-rest-test");
        store = TimeSeriesStoreImpl.open(dir.resolve("store"), StoreOptions.defaults());
        mongoServer = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        access = AccessControlImpl.over(mongo, Map.of("public", List.of("/upmu"), "all", List.of("/")));
        access.reload();
        access.setTagPrefixes("lab", List.of("/lab"));
        labReader = access.createApiKey("lab reader", Set.of("lab"), false).secret();
        writer = access.createApiKey("loader", Set.of("lab", "all"), true).secret();
        TestData.load(store);
        RestApi api = new RestApi(store, access, MAX_RAW_POINTS, "rest", ZoneId.of("UTC"));
        Map<String, Servlet> servlets = new LinkedHashMap<>(Endpoints.of(api));
        servlets.put("/status", new StatusServlet(() -> new SystemHealth(HealthState.UP, Map.of())));
        listener = HttpListener.start("test-rest", "127.0.0.1", 0, 8, servlets);
    }

    String base() {
        return "http://127.0.0.1:" + listener.port();
    }

    HttpResponse<String> get(String pathAndQuery, String key) throws Exception {
        return send(request(pathAndQuery, key).GET().build());
    }

    /** A POST as {@code curl -d} sends it: form content type, body as given. */
    HttpResponse<String> post(String path, String body, String key) throws Exception {
        return send(request(path, key).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
        return key == null ? builder : builder.header("authorization", "Bearer " + key);
    }

    void insert(UUID uuid, long[] times, double[] values) throws Exception {
        store.insert(uuid, times, values, 0, times.length, MergePolicy.NEVER);
    }

    @Override
    public void close() throws Exception {
        listener.close();
        store.close();
        mongo.close();
        mongoServer.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
