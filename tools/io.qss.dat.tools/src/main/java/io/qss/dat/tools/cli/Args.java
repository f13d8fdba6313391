// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed {@code --option value}, {@code --flag} and positional arguments of one verb. */
final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /** Parses {@code args}; options not in {@code flags} or {@code valued} are usage errors. */
    static Args parse(String[] args, Set<String> flags, Set<String> valued) throws UsageException {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.equals("--")) {
                parsed.positional.add(arg);
            } else if (flags.contains(arg)) {
                parsed.options.put(arg, "true");
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value [option=" + arg + "]");
                }
                parsed.options.put(arg, args[++i]);
            } else {
                throw new UsageException("unknown option [option=" + arg + "]");
            }
        }
        return parsed;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String get(String option, String fallback) {
        return options.getOrDefault(option, fallback);
    }

    String require(String option) throws UsageException {
        String value = options.get(option);
        if (value == null) {
            throw new UsageException("missing required option [option=" + option + "]");
        }
        return value;
    }

    long longValue(String option, long fallback, long min) throws UsageException {
        String value = options.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min) {
                throw new UsageException(
                        "value too small [option=" + option + ", value=" + value + ", min=" + min + "]");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("not a number [option=" + option + ", value=" + value + "]");
        }
    }

    List<String> positional() {
        return positional;
    }

    /** Parses {@code host:port}. */
    static HostPort hostPort(String value) throws UsageException {
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UsageException("expected HOST:PORT [value=" + value + "]");
        }
    }

    record HostPort(String host, int port) {}
}
