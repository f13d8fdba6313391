// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import io.qss.configgen.ConfigGenException;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code qss:config}. Karaf parses options only before the first argument, so options written after
 * the target ({@code qss:config shorewall --out DIR}, the way {@code qss-get --config} reads) are parsed here.
 * Confined to one command execution.
 */
final class ConfigArguments {

    private static final List<String> VALUED =
            List.of("--out", "--interface", "--address", "--netmask", "--gateway", "--dns");

    String out;
    boolean isApply;
    boolean isPrint;
    String interfaceName;
    boolean isSshDenied;
    boolean isPingDenied;
    String address;
    String netmask;
    String gateway;
    final List<String> dns = new ArrayList<>();

    /** Parses the words after the target; each option may also be written {@code --name=value}. */
    void parseTrailing(List<String> words) throws ConfigGenException {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int equals = word.indexOf('=');
            String name = equals < 0 ? word : word.substring(0, equals);
            String inline = equals < 0 ? null : word.substring(equals + 1);
            if (isFlag(name)) {
                setFlag(name);
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new ConfigGenException(
                        "unknown option or extra argument [word=" + name + ", help=qss:config --help]");
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw new ConfigGenException("option needs a value [option=" + name + "]");
                }
                value = words.get(++i);
            }
            setValue(name, value);
        }
    }

    private static boolean isFlag(String name) {
        return List.of("--apply", "--print", "--no-ssh", "--no-ping").contains(name);
    }

    private void setFlag(String name) {
        switch (name) {
            case "--apply" -> isApply = true;
            case "--print" -> isPrint = true;
            case "--no-ssh" -> isSshDenied = true;
            default -> isPingDenied = true;
        }
    }

    private void setValue(String name, String value) {
        switch (name) {
            case "--out" -> out = value;
            case "--interface" -> interfaceName = value;
            case "--address" -> address = value;
            case "--netmask" -> netmask = value;
            case "--gateway" -> gateway = value;
            default -> dns.add(value);
        }
    }

    /** The network-interface options as typed. */
    ConfigRequest.NicArguments nic() {
        return new ConfigRequest.NicArguments(address, netmask, gateway, List.copyOf(dns));
    }
}
