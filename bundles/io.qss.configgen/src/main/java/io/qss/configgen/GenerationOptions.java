// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/**
 * Choices the operator makes; the ports come from the live configuration instead. Immutable.
 *
 * @param interfaceName the network interface, or null for the default-route interface ({@code eth0} if unknown)
 * @param isSshAllowed  whether Shorewall opens TCP 22 from the net zone
 * @param isPingAllowed whether Shorewall accepts ICMP echo from the net zone
 * @param nic           the static address for {@link Target#NIC}, or null when none is given
 */
public record GenerationOptions(String interfaceName, boolean isSshAllowed, boolean isPingAllowed, NicOptions nic) {

    /** The defaults: detected interface, SSH and ping allowed, no static address. */
    public static GenerationOptions defaults() {
        return new GenerationOptions(null, true, true, null);
    }
}
