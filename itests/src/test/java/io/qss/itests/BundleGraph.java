// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Which qss bundle uses which, as their manifests say: bundle A uses bundle B when A's {@code Import-Package} names a
 * package B's {@code Export-Package} holds. Written as the section of docs/architecture.md between
 * {@link #BEGIN} and {@link #END}: a Mermaid graph and a table of each bundle's exports and uses. Deterministic (sorted),
 * so the section changes only when a manifest does. Not thread-safe; one per use.
 */
final class BundleGraph {

    static final String BEGIN = "<!-- bundle-graph:begin (generated from the bundles' manifests by BundleGraphIT) -->";
    static final String END = "<!-- bundle-graph:end -->";

    private final SortedMap<String, SortedSet<String>> exports = new TreeMap<>();
    private final SortedMap<String, SortedSet<String>> imports = new TreeMap<>();

    /** Adds one bundle's manifest; a manifest that is not a qss bundle's is ignored. */
    void add(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String name = symbolicName(main.getValue("Bundle-SymbolicName"));
        if (name == null || !name.startsWith("io.qss.")) {
            return;
        }
        exports.put(name, packages(main.getValue("Export-Package")));
        imports.put(name, packages(main.getValue("Import-Package")));
    }

    /** The bundles read, sorted. */
    Set<String> bundles() {
        return exports.keySet();
    }

    /** For each bundle, the other qss bundles whose packages it imports. */
    SortedMap<String, SortedSet<String>> uses() {
        Map<String, String> exporter = new TreeMap<>();
        exports.forEach((bundle, packages) -> packages.forEach(p -> exporter.put(p, bundle)));
        SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
        imports.forEach((bundle, packages) -> {
            SortedSet<String> used = new TreeSet<>();
            for (String p : packages) {
                String from = exporter.get(p);
                if (from != null && !from.equals(bundle)) {
                    used.add(from);
                }
            }
            uses.put(bundle, used);
        });
        return uses;
    }

    /** The section, markers included. */
    String section() {
        SortedMap<String, SortedSet<String>> uses = uses();
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append("\n\n```mermaid\ngraph LR\n");
        uses.keySet()
                .forEach(bundle -> out.append("  ")
                        .append(id(bundle))
                        .append('[')
                        .append(bundle.substring("io.qss.".length()))
                        .append("]\n"));
        uses.forEach((bundle, used) -> used.forEach(to -> out.append("  ")
                .append(id(bundle))
                .append(" --> ")
                .append(id(to))
                .append('\n')));
        out.append("```\n\n| bundle | exports | uses |\n|---|---|---|\n");
        uses.forEach((bundle, used) -> out.append("| `")
                .append(bundle)
                .append("` | ")
                .append(codeList(exports.get(bundle)))
                .append(" | ")
                .append(codeList(used))
                .append(" |\n"));
        return out.append('\n').append(END).toString();
    }

    /** Mermaid node id: the bundle name without dots (its label is the name without the common prefix). */
    private static String id(String bundle) {
        return bundle.replace('.', '_');
    }

    private static String codeList(Set<String> items) {
        if (items.isEmpty()) {
            return "none";
        }
        List<String> codes = new ArrayList<>();
        items.forEach(item -> codes.add("`" + item + "`"));
        return String.join(", ", codes);
    }

    private static String symbolicName(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    }

    /**
     * The package names of an {@code Import-Package} or {@code Export-Package} header: clauses split at commas outside
     * quotes (version ranges hold commas), each clause's leading names before its first attribute or directive.
     */
    static SortedSet<String> packages(String header) {
        SortedSet<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        for (String clause : clauses(header)) {
            for (String part : clause.split(";")) {
                String p = part.strip();
                if (p.contains("=")) {
                    break;
                }
                if (!p.isEmpty()) {
                    names.add(p);
                }
            }
        }
        return names;
    }

    /** Each package of an {@code Export-Package} header with its {@code version} attribute (0.0.0 when absent). */
    static SortedMap<String, String> exportedVersions(String header) {
        SortedMap<String, String> versions = new TreeMap<>();
        if (header == null) {
            return versions;
        }
        for (String clause : clauses(header)) {
            String version = "0.0.0";
            List<String> names = new ArrayList<>();
            for (String part : clause.split(";")) {
                String p = part.strip();
                if (p.startsWith("version=")) {
                    version = p.substring("version=".length()).replace("\"", "");
                } else if (!p.contains("=") && !p.isEmpty()) {
                    names.add(p);
                }
            }
            for (String name : names) {
                versions.put(name, version);
            }
        }
        return versions;
    }

    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        boolean isQuoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                isQuoted = !isQuoted;
            } else if (c == ',' && !isQuoted) {
                clauses.add(header.substring(start, i));
                start = i + 1;
            }
        }
        clauses.add(header.substring(start));
        return clauses;
    }
}
