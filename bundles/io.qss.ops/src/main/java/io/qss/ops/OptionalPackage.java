// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

import java.util.List;

/**
 * An optional package of a {@code qss-packages-<version>.tar.gz} archive: a name operators type (the original
 * server's package names, e.g. {@code apcupsd}) for a Karaf feature outside the aggregate {@code qss} feature.
 *
 * @param name the package name, e.g. {@code apcupsd}; never null
 * @param aliases other names accepted for it, e.g. {@code ups}; never null, may be empty
 * @param feature the Karaf feature it installs, e.g. {@code qss-ups}; never null
 * @param version the feature version, the qss version the archive was built for; never null
 * @param description one line for operators; never null
 * @param configTarget the {@code qss:config} target written when it is installed (e.g. {@code apcupsd}), or empty
 * @param isInstalled true when the feature is installed in the running container
 */
public record OptionalPackage(
        String name,
        List<String> aliases,
        String feature,
        String version,
        String description,
        String configTarget,
        boolean isInstalled) {

    public OptionalPackage {
        aliases = List.copyOf(aliases);
    }

    /** True when {@code typed} is the package's name or one of its aliases, ignoring case. */
    public boolean isNamed(String typed) {
        return name.equalsIgnoreCase(typed) || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(typed));
    }
}
