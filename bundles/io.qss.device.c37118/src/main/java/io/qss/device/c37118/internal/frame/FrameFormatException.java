// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

/** A frame whose CRC is right but whose content is not what C37.118 allows; the message reads {@code what [k=v]}. */
public final class FrameFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameFormatException(String message) {
        super(message);
    }
}
