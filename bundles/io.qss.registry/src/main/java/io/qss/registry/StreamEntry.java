// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import java.util.UUID;

/**
 * One stream of a configured device. Immutable.
 *
 * @param path {@code /<type>/<alias>/<key>}, e.g. {@code /upmu/soda_a/L1MAG}; never null
 * @param name the stream name, e.g. {@code L1MAG}; never null
 * @param unit unit of measure, e.g. {@code V}; never null
 * @param uuid the stream's stable UUID; never null
 */
public record StreamEntry(String path, String name, String unit, UUID uuid) {}
