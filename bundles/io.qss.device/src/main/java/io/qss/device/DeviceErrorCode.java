// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/** Why a device operation failed; decides whether the framework retries. */
public enum DeviceErrorCode {
    /** The input is malformed; retrying the same input fails again (the file is marked failed). */
    CORRUPT_INPUT,
    /** A sample named a stream the device does not declare. */
    UNKNOWN_STREAM,
    /** The store refused the samples (e.g. disk full); the framework retries later. */
    SINK_FAILED,
    /** The device type does not support this kind of input. */
    UNSUPPORTED,
    /** Reading the input or talking to the device failed; the framework retries later. */
    IO_ERROR
}
