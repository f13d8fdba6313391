// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section of a ConfigObj nested INI: the number of brackets is the depth, {@code key = value} lines belong to
 * the latest section, {@code #} starts a comment. Mutable while parsing, then only read.
 */
final class IniSection {

    private final String name;
    private final int depth;
    private final int line;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<IniSection> children = new ArrayList<>();

    private IniSection(String name, int depth, int line) {
        this.name = name;
        this.depth = depth;
        this.line = line;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    Map<String, String> values() {
        return values;
    }

    List<IniSection> children() {
        return children;
    }

    /** Copies this section's values and its children's into {@code out}, keys prefixed by the section path. */
    void flatten(String prefix, Map<String, String> out) {
        values.forEach((k, v) -> out.put(prefix + "/" + k, v));
        for (IniSection child : children) {
            child.flatten(prefix + "/" + child.name, out);
        }
    }

    /** Parses the top-level sections of {@code text}. */
    static List<IniSection> parse(String text) throws RegistryException {
        List<IniSection> top = new ArrayList<>();
        List<IniSection> stack = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#") || raw.startsWith(";")) {
                continue;
            }
            if (raw.startsWith("[")) {
                IniSection section = header(raw, i + 1);
                while (stack.size() >= section.depth) {
                    stack.remove(stack.size() - 1);
                }
                if (stack.size() != section.depth - 1) {
                    throw new RegistryException("upmuconfig.ini section nested too deep [line=" + (i + 1) + "]");
                }
                (stack.isEmpty() ? top : stack.get(stack.size() - 1).children).add(section);
                stack.add(section);
                continue;
            }
            int eq = raw.indexOf('=');
            if (eq <= 0 || stack.isEmpty()) {
                throw new RegistryException("upmuconfig.ini line is neither section nor key = value [line=" + (i + 1)
                        + ", text=" + raw + "]");
            }
            stack.get(stack.size() - 1).values.put(raw.substring(0, eq).strip(), unquote(raw.substring(eq + 1)));
        }
        return top;
    }

    private static IniSection header(String raw, int line) throws RegistryException {
        int depth = 0;
        while (depth < raw.length() && raw.charAt(depth) == '[') {
            depth++;
        }
        int end = raw.indexOf(']', depth);
        if (end < 0 || !raw.substring(end).startsWith("]".repeat(depth))) {
            throw new RegistryException(
                    "upmuconfig.ini section header malformed [line=" + line + ", text=" + raw + "]");
        }
        return new IniSection(raw.substring(depth, end).strip(), depth, line);
    }

    private static String unquote(String value) {
        String v = value.strip();
        int hash = v.indexOf(" #");
        if (hash >= 0 && !v.startsWith("\"") && !v.startsWith("'")) {
            v = v.substring(0, hash).strip();
        }
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }
}
