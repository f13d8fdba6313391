// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import java.io.IOException;

/** A capture file that cannot be read as a classic libpcap file of C37.118 traffic. */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
