// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.stub.StreamObserver;
import io.qss.api.grpc.internal.v5api.GenerateCSVParams;
import io.qss.api.grpc.internal.v5api.GenerateCSVResponse;
import io.qss.api.grpc.internal.v5api.StreamCSVConfig;
import io.qss.store.api.StatConsumer;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * GenerateCSV: a header message ({@code isHeader}), then one message per row: {@code Timestamp (ns)}, {@code
 * Human-Readable Time (UTC)} and per stream its value (raw) or Min, Mean, Max and Count (windows); a stream without
 * data at a row's time has empty cells. Aligned windows take their point width from {@code depth}, as BTrDB 4.x.
 * Rows are collected in memory first, at most {@code maxRows}.
 */
final class CsvRpc {

    private final Streams streams;
    private final TimeSeriesStore store;
    private final long maxRows;

    CsvRpc(Streams streams, long maxRows) {
        this.streams = streams;
        this.store = streams.store();
        this.maxRows = maxRows;
    }

    void generate(GenerateCSVParams p, StreamObserver<GenerateCSVResponse> observer) {
        Sender<GenerateCSVResponse> sender = new Sender<>(observer);
        try {
            boolean isRaw = p.getQueryType() == GenerateCSVParams.QueryType.RAW_QUERY;
            int width = isRaw ? 1 : 4;
            TreeMap<Long, String[]> rows = new TreeMap<>();
            List<String> header = new ArrayList<>(List.of("Timestamp (ns)", "Human-Readable Time (UTC)"));
            for (int s = 0; s < p.getStreamsCount(); s++) {
                StreamCSVConfig config = p.getStreams(s);
                header.addAll(columns(config, p.getIncludeVersions(), isRaw));
                collect(p, config, rows, s * width, p.getStreamsCount() * width);
            }
            if (!sender.send(GenerateCSVResponse.newBuilder()
                    .setIsHeader(true)
                    .addAllRow(header)
                    .build())) {
                return;
            }
            for (Map.Entry<Long, String[]> row : rows.entrySet()) {
                List<String> cells = new ArrayList<>(List.of(
                        Long.toString(row.getKey()),
                        Instant.ofEpochSecond(0, row.getKey()).toString()));
                for (String cell : row.getValue()) {
                    cells.add(cell == null ? "" : cell);
                }
                if (!sender.send(
                        GenerateCSVResponse.newBuilder().addAllRow(cells).build())) {
                    return;
                }
            }
        } catch (ApiException e) {
            sender.send(
                    GenerateCSVResponse.newBuilder().setStat(Proto.status(e)).build());
        } catch (StoreException e) {
            sender.send(GenerateCSVResponse.newBuilder()
                    .setStat(Proto.status(ApiException.of(e)))
                    .build());
        }
        sender.complete();
    }

    private static List<String> columns(StreamCSVConfig config, boolean includeVersions, boolean isRaw) {
        String label = config.getLabel() + (includeVersions ? ", ver. " + config.getVersion() : "");
        return isRaw
                ? List.of(label)
                : List.of(label + " (Min)", label + " (Mean)", label + " (Max)", label + " (Count)");
    }

    private void collect(
            GenerateCSVParams p, StreamCSVConfig config, TreeMap<Long, String[]> rows, int column, int columns)
            throws ApiException, StoreException {
        UUID uuid = Streams.uuid(config.getUuid());
        streams.readable(uuid);
        long start = p.getStartTime();
        long end = p.getEndTime();
        StatConsumer stats = (time, min, mean, max, count) -> {
            String[] row = row(rows, time, columns);
            row[column] = Double.toString(min);
            row[column + 1] = Double.toString(mean);
            row[column + 2] = Double.toString(max);
            row[column + 3] = Long.toString(count);
            return rows.size() <= maxRows;
        };
        switch (p.getQueryType()) {
            case RAW_QUERY ->
                store.rawValues(uuid, start, end, config.getVersion(), (times, values, from, to) -> {
                    for (int i = from; i < to; i++) {
                        row(rows, times[i], columns)[column] = Double.toString(values[i]);
                    }
                    return rows.size() <= maxRows;
                });
            case WINDOWS_QUERY -> store.windows(uuid, start, end, p.getWindowSize(), 0, config.getVersion(), stats);
            case ALIGNED_WINDOWS_QUERY ->
                store.alignedWindows(uuid, start, end, (int) p.getDepth(), config.getVersion(), stats);
            default ->
                throw new ApiException(
                        ApiException.INVALID_PARAMETER, "unknown CSV query type [value=" + p.getQueryTypeValue() + "]");
        }
        if (rows.size() > maxRows) {
            throw new ApiException(ApiException.WRONG_ARGS, "CSV too large [limit=" + maxRows + " rows]");
        }
    }

    private static String[] row(TreeMap<Long, String[]> rows, long time, int columns) {
        return rows.computeIfAbsent(time, t -> new String[columns]);
    }
}
