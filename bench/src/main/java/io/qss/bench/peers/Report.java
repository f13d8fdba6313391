// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one run: a table with one row per figure and a column per system, then one {@code key=value}
 * line per figure and system and per qss/peer ratio ({@code ingest_ratio_questdb=2.10}: above 1, qss is better).
 */
final class Report {

    /** What a figure measures and whether a larger value is better. */
    record Figure(String key, String label, String unit, boolean isHigherBetter) {}

    private final List<String> systems;
    private final Map<Figure, Map<String, Double>> values = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    Report(List<String> systems) {
        this.systems = List.copyOf(systems);
    }

    void put(Figure figure, String system, double value) {
        values.computeIfAbsent(figure, f -> new LinkedHashMap<>()).put(system, value);
    }

    /** The value of {@code figure} for {@code system}, if measured. */
    Optional<Double> value(Figure figure, String system) {
        return Optional.ofNullable(values.getOrDefault(figure, Map.of()).get(system));
    }

    /** A line printed under the table, e.g. a system's durability at acknowledgement. */
    void note(String key, String text) {
        notes.put(key, text);
    }

    /**
     * qss's value over the peer's when larger is better, the peer's over qss's otherwise; NaN when either is
     * missing or zero.
     */
    static double ratio(Figure figure, Double qss, Double peer) {
        if (qss == null || peer == null || qss <= 0 || peer <= 0) {
            return Double.NaN;
        }
        return figure.isHigherBetter() ? qss / peer : peer / qss;
    }

    /** The table, then the key=value lines. */
    List<String> lines() {
        List<String> out = new ArrayList<>(table());
        notes.forEach((key, text) -> out.add("  " + key + ": " + text));
        out.addAll(keyValues());
        return out;
    }

    List<String> table() {
        List<String> out = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-34s", "figure"));
        systems.forEach(s -> header.append(String.format(Locale.ROOT, " %16s", s)));
        peers().forEach(p -> header.append(" qss/").append(p));
        out.add(header.toString());
        values.forEach((figure, bySystem) -> {
            StringBuilder row =
                    new StringBuilder(String.format(Locale.ROOT, "%-34s", figure.label() + " (" + figure.unit() + ")"));
            systems.forEach(s -> row.append(String.format(Locale.ROOT, " %16s", number(bySystem.get(s)))));
            peers().forEach(p -> row.append(String.format(
                    Locale.ROOT,
                    " %" + (p.length() + 4) + "s",
                    ratioText(ratio(figure, bySystem.get("qss"), bySystem.get(p))))));
            out.add(row.toString());
        });
        return out;
    }

    List<String> keyValues() {
        List<String> out = new ArrayList<>();
        values.forEach((figure, bySystem) ->
                bySystem.forEach((system, value) -> out.add(figure.key() + "_" + system + "=" + number(value))));
        values.forEach((figure, bySystem) -> peers().forEach(peer -> {
            double ratio = ratio(figure, bySystem.get("qss"), bySystem.get(peer));
            if (!Double.isNaN(ratio)) {
                out.add(figure.key() + "_ratio_" + peer + "=" + ratioText(ratio));
            }
        }));
        return out;
    }

    /** The key=value lines of one system's figures, printed as soon as it is done (a later crash keeps them). */
    List<String> keyValues(String system) {
        List<String> out = new ArrayList<>();
        values.forEach((figure, bySystem) -> {
            if (bySystem.containsKey(system)) {
                out.add(figure.key() + "_" + system + "=" + number(bySystem.get(system)));
            }
        });
        return out;
    }

    private List<String> peers() {
        return systems.stream().filter(s -> !s.equals("qss")).toList();
    }

    /** Three significant digits at most, no exponent; "-" for a missing value. */
    static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3g", value);
    }

    static String ratioText(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
