// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.GenerationOptions;
import io.qss.configgen.NicOptions;
import io.qss.configgen.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed command line of {@code qss:config}: targets and generation options, kept free of the Karaf API so it
 * is tested directly. Immutable.
 *
 * @param targets what to generate, in the order given, without repeats; {@link Target#ALL} alone if named
 * @param options the operator's choices
 */
record ConfigRequest(List<Target> targets, GenerationOptions options) {

    static final String TARGETS = "qss|nic|shorewall|apcupsd|all";

    /** Parses the target names and options; NIC options are kept only when an address or NIC option is given. */
    static ConfigRequest parse(
            List<String> targetNames, String interfaceName, boolean isSshDenied, boolean isPingDenied, NicArguments nic)
            throws ConfigGenException {
        List<Target> targets = targets(targetNames);
        NicOptions nicOptions = nic.isEmpty()
                ? null
                : new NicOptions(nic.address(), nic.netmask(), nic.gateway(), nameservers(nic.dns()));
        return new ConfigRequest(
                targets, new GenerationOptions(interfaceName, !isSshDenied, !isPingDenied, nicOptions));
    }

    /** The network-interface options as typed. */
    record NicArguments(String address, String netmask, String gateway, List<String> dns) {

        boolean isEmpty() {
            return address == null && netmask == null && gateway == null && (dns == null || dns.isEmpty());
        }
    }

    /** Several targets, as {@code qss-get --config} takes "one or more components". */
    static List<Target> targets(List<String> names) throws ConfigGenException {
        if (names.isEmpty()) {
            throw new ConfigGenException("no configuration target given [expected=" + TARGETS + "]");
        }
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            Target target = target(name);
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        return targets.contains(Target.ALL) ? List.of(Target.ALL) : List.copyOf(targets);
    }

    static Target target(String name) throws ConfigGenException {
        String value = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Target target : Target.values()) {
            if (target.name().equals(value)) {
                return target;
            }
        }
        throw new ConfigGenException("unknown configuration target [target=" + name + ", expected=" + TARGETS + "]");
    }

    /** {@code --dns} may be repeated, and each value may hold several servers separated by commas or spaces. */
    static List<String> nameservers(List<String> values) {
        List<String> servers = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String server : value.split("[,\\s]+")) {
                    if (!server.isBlank()) {
                        servers.add(server.trim());
                    }
                }
            }
        }
        return servers;
    }
}
