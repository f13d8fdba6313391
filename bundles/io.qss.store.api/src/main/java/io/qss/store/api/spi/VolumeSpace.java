// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

/**
 * Space where a volume's objects live.
 *
 * @param totalBytes capacity, -1 when unknown
 * @param freeBytes space still writable, -1 when unknown
 */
public record VolumeSpace(long totalBytes, long freeBytes) {}
