// SPDX-License-Identifier: Apache-2.0
/**
 * The uPMU file transfer protocol (TCP 1883): frame header codec and ack rules shared by senders and receivers,
 * and the device-side sender.
 */
@Version("2.0.0")
package io.qss.dat.transfer;

import org.osgi.annotation.versioning.Version;
