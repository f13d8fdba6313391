// SPDX-License-Identifier: Apache-2.0
/**
 * The uPMU file transfer protocol (TCP 1883): the frame header codec, message shape and ack rules shared by senders
 * and receivers. The device-side sender lives in the qss-dat tool (io.qss.dat.tools.send).
 */
@Version("3.0.0")
package io.qss.dat.transfer;

import org.osgi.annotation.versioning.Version;
