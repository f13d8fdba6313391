// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Measures (and prints, never asserts) the time of a REST aligned-windows query answering 1,000 windows: 120 Hz data
 * for 1,000 windows of 2^30 ns (about 18 minutes, 128,000 points). The figure is the client's round trip on
 * loopback, an upper bound of the server time.
 */
class AlignedWindowsTimingTest {

    private static final int PW = 30;
    private static final int WINDOWS = 1000;

    @Test
    void givenThousandWindowsOfData_whenQueriedRepeatedly_thenTimePrinted() throws Exception {
        try (RestFixture fixture = new RestFixture()) {
            UUID uuid = UUID.randomUUID();
            fixture.store.create(uuid, "upmu/bench", Map.of("name", "L1MAG"), Map.of());
            long start = 1L << 60;
            int points = (int) ((WINDOWS * (1L << PW)) / TestData.PERIOD);
            long[] times = new long[points];
            double[] values = new double[points];
            for (int i = 0; i < points; i++) {
                times[i] = start + i * TestData.PERIOD;
                values[i] = 7200 + Math.sin(i / 100.0);
            }
            fixture.insert(uuid, times, values);
            fixture.store.flush(uuid);
            String path = "/data/uuid/" + uuid + "?starttime=" + start + "&endtime=" + (start + WINDOWS * (1L << PW))
                    + "&unitoftime=ns&pw=" + PW;
            long[] nanos = new long[200];
            for (int round = -100; round < nanos.length; round++) {
                long began = System.nanoTime();
                HttpResponse<String> response = fixture.get(path, null);
                long took = System.nanoTime() - began;
                assertEquals(200, response.statusCode());
                if (round == 0) {
                    List<?> rows = (List<?>) ((Map<?, ?>) ((List<?>) JsonBody.parse(response.body())).get(0))
                            .get("XReadings");
                    assertEquals(WINDOWS, rows.size());
                }
                if (round >= 0) {
                    nanos[round] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("REST aligned windows, %d windows (%d points): median %.2f ms, p90 %.2f ms, "
                    + "min %.2f ms%n",
                    WINDOWS, points, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                    nanos[0] / 1e6);
        }
    }
}
