// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;

/** Strict dotted-quad IPv4 parsing (no host names, no shortened forms), as a 32-bit value. */
final class Ipv4 {

    private Ipv4() {}

    /** The address as an unsigned 32-bit value in a long. */
    static long parse(String option, String text) throws ConfigGenException {
        String value = text == null ? "" : text.trim();
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(option, text, "expected four dot-separated numbers");
        }
        long address = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || (part.length() > 1 && part.startsWith("0"))) {
                throw invalid(option, text, "each part must be a number 0..255 without leading zeros");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw invalid(option, text, "each part must be a number 0..255 without leading zeros");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    /** The prefix length of a dotted netmask; rejects masks whose one-bits are not contiguous. */
    static int prefixOf(String option, String text) throws ConfigGenException {
        long mask = parse(option, text);
        int prefix = Long.numberOfLeadingZeros(~mask & 0xFFFFFFFFL) - 32;
        if (maskOf(prefix) != mask) {
            throw invalid(option, text, "not a netmask (its one-bits must be contiguous)");
        }
        return prefix;
    }

    /** The netmask of a prefix length 0..32. */
    static long maskOf(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    static String format(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    static ConfigGenException invalid(String option, String value, String why) {
        return new ConfigGenException(
                "invalid IPv4 address [option=" + option + ", value=" + value + ", reason=" + why + "]");
    }
}
