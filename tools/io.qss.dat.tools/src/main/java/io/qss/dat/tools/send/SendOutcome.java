// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

/**
 * What happened to one file.
 *
 * @param path     the path sent (relative, '/'-separated)
 * @param bytes    file size
 * @param isAcked  whether the receiver echoed the sendid
 * @param attempts attempts made
 * @param sendId   id of the last attempt
 * @param failure  null when acked, else the last failure {@code what failed [key=value]}
 */
public record SendOutcome(String path, long bytes, boolean isAcked, int attempts, long sendId, String failure) {}
