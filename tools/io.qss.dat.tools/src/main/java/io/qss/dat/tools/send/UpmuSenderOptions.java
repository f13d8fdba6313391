// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import java.time.Duration;

/**
 * How an {@link UpmuSender} connects and retries.
 *
 * @param host           receiver host name or address
 * @param port           receiver port (1883 by default)
 * @param serial         device serial sent with every file, e.g. P3500000
 * @param connectTimeout TCP connect timeout
 * @param ackTimeout     how long to wait for the 4-byte reply (also the socket read timeout)
 * @param maxAttempts    attempts per file before it is reported not acknowledged (at least 1)
 * @param initialBackoff pause after the first failed attempt; doubles per attempt
 * @param maxBackoff     upper bound of the pause
 */
public record UpmuSenderOptions(
        String host,
        int port,
        String serial,
        Duration connectTimeout,
        Duration ackTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public UpmuSenderOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 [maxAttempts=" + maxAttempts + "]");
        }
    }

    /** Defaults: 10 s connect, 60 s ack, 10 attempts, backoff 0.5 s doubling up to 10 s. */
    public static UpmuSenderOptions of(String host, int port, String serial) {
        return new UpmuSenderOptions(
                host,
                port,
                serial,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                10,
                Duration.ofMillis(500),
                Duration.ofSeconds(10));
    }

    /** A copy with other retry settings. */
    public UpmuSenderOptions withRetries(int attempts, Duration initial, Duration max) {
        return new UpmuSenderOptions(host, port, serial, connectTimeout, ackTimeout, attempts, initial, max);
    }

    /** A copy with another ack timeout. */
    public UpmuSenderOptions withAckTimeout(Duration timeout) {
        return new UpmuSenderOptions(
                host, port, serial, connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff);
    }
}
