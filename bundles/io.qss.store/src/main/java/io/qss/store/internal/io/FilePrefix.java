// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import java.nio.file.Path;

/** The first {@code length} bytes of a store file, a consistent prefix to copy (it never changes afterwards). */
public record FilePrefix(Path file, long length) {}
