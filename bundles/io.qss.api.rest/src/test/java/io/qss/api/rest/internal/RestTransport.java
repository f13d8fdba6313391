// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.internal.JsonBody.Num;
import io.qss.store.api.Changes;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import io.qss.store.api.TimeSeriesStore;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link QueryTransport} over the REST 3.x endpoints of a {@link RestFixture}. 3.x has no changed-ranges and no delete
 * endpoint; the version is the {@code version} field of a raw answer, and {@code ver} queries an older one. A 400
 * body names the refusal; 401 and 403 (writes) are {@link ErrorKind#NOT_ALLOWED}.
 */
final class RestTransport implements QueryTransport {

    private final RestFixture fixture;

    RestTransport(RestFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public boolean supports(Operation operation) {
        return operation != Operation.CHANGES && operation != Operation.DELETE;
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception {
        return points(query(key, uuid, start, end, ""));
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end, long version) throws Exception {
        return points(query(key, uuid, start, end, "&ver=" + version));
    }

    @Override
    public long version(String key, UUID uuid) throws Exception {
        return integer(query(key, uuid, TimeSeriesStore.MIN_TIME + 1, TimeSeriesStore.MIN_TIME + 2, "")
                .get("version"));
    }

    @Override
    public Changes changes(String key, UUID uuid, long fromVersion, long toVersion, int resolution) {
        throw new UnsupportedOperationException("REST 3.x has no changed-ranges endpoint");
    }

    @Override
    public void delete(String key, UUID uuid, long start, long end) {
        throw new UnsupportedOperationException("REST 3.x has no delete endpoint");
    }

    @Override
    public void insert(String key, UUID uuid, List<RawPoint> points) throws Exception {
        StringBuilder body = new StringBuilder("{\"uuid\":\"" + uuid + "\",\"Readings\":[");
        for (RawPoint p : points) {
            body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                    .append('[')
                    .append(p.time())
                    .append(',')
                    .append(p.value())
                    .append(']');
        }
        HttpResponse<String> response =
                fixture.post("/data/add/suite", body.append("]}").toString(), key);
        if (response.statusCode() != 200) {
            throw refused(response);
        }
    }

    @Override
    public List<StatPoint> aligned(String key, UUID uuid, long start, long end, int pw) throws Exception {
        return stats(query(key, uuid, start, end, "&pw=" + pw));
    }

    @Override
    public List<StatPoint> windows(String key, UUID uuid, long start, long end, long width) throws Exception {
        return stats(query(key, uuid, start, end, "&win=" + width));
    }

    @Override
    public Optional<RawPoint> nearest(String key, UUID uuid, long time, boolean backward) throws Exception {
        HttpResponse<String> response =
                fixture.get("/q/nearest/" + uuid + "?time=" + time + (backward ? "&backwards=1" : ""), key);
        if ("Bad query: No such stream".equals(response.body())) {
            throw new NoSuchStream(response.body());
        }
        if ("Bad query: No such point".equals(response.body())) {
            return Optional.empty();
        }
        String[] parts = response.body().replaceAll("[\\[\\]]", "").split(", ");
        return Optional.of(new RawPoint(Long.parseLong(parts[0]), Double.parseDouble(parts[1])));
    }

    @Override
    public Optional<long[]> bracket(String key, UUID uuid) throws Exception {
        HttpResponse<String> response = fixture.post("/q/bracket", "{\"UUIDS\":[\"" + uuid + "\"]}", key);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        List<?> first = (List<?>) ((List<?>) ((Map<?, ?>) JsonBody.parse(response.body())).get("Brackets")).get(0);
        return Optional.of(new long[] {integer(first.get(0)), integer(first.get(1))});
    }

    private Map<?, ?> query(String key, UUID uuid, long start, long end, String extra) throws Exception {
        HttpResponse<String> response = fixture.get(
                "/data/uuid/" + uuid + "?starttime=" + start + "&endtime=" + end + "&unitoftime=ns" + extra, key);
        if ("query error: No such stream".equals(response.body())) {
            throw new NoSuchStream(response.body());
        }
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        return (Map<?, ?>) ((List<?>) JsonBody.parse(response.body())).get(0);
    }

    private static Refused refused(HttpResponse<String> response) {
        String body = response.body();
        ErrorKind kind = response.statusCode() == 401 || response.statusCode() == 403
                ? ErrorKind.NOT_ALLOWED
                : body.equals("end time <= start time")
                        ? ErrorKind.INVALID_RANGE
                        : body.startsWith("bad point width") ? ErrorKind.INVALID_POINT_WIDTH : ErrorKind.OTHER;
        return new Refused(kind, "status " + response.statusCode() + ": " + body);
    }

    private static List<RawPoint> points(Map<?, ?> answer) {
        List<RawPoint> points = new ArrayList<>();
        for (Object row : rows(answer, "Readings")) {
            List<?> pair = (List<?>) row;
            points.add(new RawPoint(integer(pair.get(0)), real(pair.get(1))));
        }
        return points;
    }

    private static List<StatPoint> stats(Map<?, ?> answer) {
        List<StatPoint> points = new ArrayList<>();
        for (Object row : rows(answer, "XReadings")) {
            List<?> r = (List<?>) row;
            points.add(new StatPoint(
                    integer(r.get(0)) * 1_000_000 + integer(r.get(1)),
                    real(r.get(2)),
                    real(r.get(3)),
                    real(r.get(4)),
                    integer(r.get(5))));
        }
        return points;
    }

    private static List<?> rows(Map<?, ?> answer, String field) {
        return (List<?>) answer.get(field);
    }

    private static long integer(Object num) {
        return Long.parseLong(((Num) num).text());
    }

    private static double real(Object num) {
        return Double.parseDouble(((Num) num).text());
    }
}
