// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

/** The first {@code length} bytes of a store object, a consistent prefix to copy (it never changes afterwards). */
public record ObjectPrefix(String name, long length) {}
