// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.StoreException;

/** Loads stored nodes by address (through the block cache). Thread-safe. */
@FunctionalInterface
public interface NodeSource {

    Node load(long address) throws StoreException;
}
