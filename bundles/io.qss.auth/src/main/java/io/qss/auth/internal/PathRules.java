// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Path-prefix matching and the parsing of tag configuration entries. Stateless. */
final class PathRules {

    private PathRules() {}

    /**
     * True when {@code path} lies under {@code prefix}. Matching is by whole path segments, so {@code /upmu/a}
     * covers {@code /upmu/a/L1MAG} but not {@code /upmu/ab/L1MAG}; a prefix ending in {@code /} (and {@code /}
     * itself) covers everything that starts with it.
     */
    static boolean covers(String prefix, String path) {
        if (prefix.isEmpty() || !path.startsWith(prefix)) {
            return false;
        }
        return prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    /**
     * Parses {@code tag=prefix[,prefix...][; tag=...]} (as in {@code etc/io.qss.auth.cfg}) into a tag
     * configuration.
     */
    static Map<String, List<String>> parseTagConfig(String text) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("tag configuration entry malformed [entry=" + entry + "]");
            }
            List<String> prefixes = new ArrayList<>();
            for (String prefix : entry.substring(equals + 1).split(",")) {
                if (!prefix.isBlank()) {
                    prefixes.add(prefix.strip());
                }
            }
            config.put(entry.substring(0, equals).strip(), List.copyOf(prefixes));
        }
        return config;
    }
}
