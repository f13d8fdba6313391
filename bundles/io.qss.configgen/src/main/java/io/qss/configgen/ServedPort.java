// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/**
 * A TCP port qss serves to the network, as the live configuration says.
 *
 * @param port   the TCP port, 1..65535
 * @param what   who listens, e.g. {@code receiver (uPMU transfer protocol)}
 * @param source where the number came from, e.g. {@code io.qss.receiver port} or {@code io.qss.receiver port (default)}
 */
public record ServedPort(int port, String what, String source) {}
