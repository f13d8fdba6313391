// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

import java.util.List;

/**
 * A static IPv4 address for the network-interface stanza. Validated by the generator, not here.
 *
 * @param address     dotted address, optionally with a prefix length ({@code 10.0.0.5/24}); required
 * @param netmask     dotted netmask when {@code address} has no prefix length; otherwise null
 * @param gateway     the default gateway, or null for none
 * @param nameservers DNS servers, possibly empty
 */
public record NicOptions(String address, String netmask, String gateway, List<String> nameservers) {

    public NicOptions {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    }
}
