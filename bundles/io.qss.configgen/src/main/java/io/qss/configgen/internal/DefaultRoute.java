// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The interface of the IPv4 default route, read from the kernel's routing table ({@code /proc/net/route}). */
public final class DefaultRoute {

    /** Used when no default route can be found. */
    public static final String FALLBACK = "eth0";

    private static final String DEFAULT_DESTINATION = "00000000";

    private DefaultRoute() {}

    /** The default-route interface from {@code routeTable}, or {@link #FALLBACK}. */
    public static String interfaceName(Path routeTable) {
        return find(routeTable).orElse(FALLBACK);
    }

    static Optional<String> find(Path routeTable) {
        List<String> lines;
        try {
            lines = Files.readAllLines(routeTable);
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux, or a sandbox): the fallback is the documented answer, not an error.
            return Optional.empty();
        }
        // Columns: Iface Destination Gateway Flags RefCnt Use Metric Mask ...; the first line is the header.
        return lines.stream()
                .skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 7
                        && columns[1].equals(DEFAULT_DESTINATION)
                        && columns[7].equals(DEFAULT_DESTINATION))
                .map(columns -> columns[0])
                .findFirst();
    }
}
