// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/** A failed device operation; {@link #code()} says whether retrying can help. Messages read {@code what [k=v]}. */
public class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeviceErrorCode code;

    public DeviceException(DeviceErrorCode code, String message) {
        this(code, message, null);
    }

    public DeviceException(DeviceErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Why it failed; never null. */
    public DeviceErrorCode code() {
        return code;
    }
}
