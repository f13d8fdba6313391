// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import io.qss.dat.tools.send.internal.UpmuSenderImpl;

/** Where device-side senders come from, so {@link UpmuSender} stays free of its implementation. Stateless. */
public final class UpmuSenders {

    private UpmuSenders() {}

    /** A sender for {@code options}; nothing is connected yet. */
    public static UpmuSender sender(UpmuSenderOptions options) {
        return new UpmuSenderImpl(options);
    }
}
