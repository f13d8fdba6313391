// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/**
 * One generated configuration file, not yet written. Immutable.
 *
 * @param target  the target that produced it
 * @param root    the tree {@code path} is relative to
 * @param path    relative path with {@code /} separators, e.g. {@code etc/shorewall/rules}
 * @param content the whole file, UTF-8 text ending with a newline
 */
public record GeneratedFile(Target target, FileRoot root, String path, String content) {}
