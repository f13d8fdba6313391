// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.api.rest.internal.JsonBody.Num;
import io.qss.store.RawPoint;
import io.qss.store.StatPoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link QueryTransport} over the REST 3.x endpoints of a {@link RestFixture}. */
final class RestTransport implements QueryTransport {

    private final RestFixture fixture;

    RestTransport(RestFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception {
        List<RawPoint> points = new ArrayList<>();
        for (Object row : rows(query(key, uuid, start, end, ""), "Readings")) {
            List<?> pair = (List<?>) row;
            points.add(new RawPoint(integer(pair.get(0)), real(pair.get(1))));
        }
        return points;
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
        HttpResponse<String> response = fixture.get("/q/nearest/" + uuid + "?time=" + time
                + (backward ? "&backwards=1" : ""), key);
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
        HttpResponse<String> response = fixture.get("/data/uuid/" + uuid + "?starttime=" + start + "&endtime="
                + end + "&unitoftime=ns" + extra, key);
        if ("query error: No such stream".equals(response.body())) {
            throw new NoSuchStream(response.body());
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("query failed [status=" + response.statusCode() + ", body=" + response.body()
                    + "]");
        }
        return (Map<?, ?>) ((List<?>) JsonBody.parse(response.body())).get(0);
    }

    private static List<StatPoint> stats(Map<?, ?> answer) {
        List<StatPoint> points = new ArrayList<>();
        for (Object row : rows(answer, "XReadings")) {
            List<?> r = (List<?>) row;
            points.add(new StatPoint(integer(r.get(0)) * 1_000_000 + integer(r.get(1)), real(r.get(2)),
                    real(r.get(3)), real(r.get(4)), integer(r.get(5))));
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
