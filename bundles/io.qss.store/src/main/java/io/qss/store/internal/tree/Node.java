// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

/** A tree node: immutable once built, so any number of readers may share it. */
public sealed interface Node permits Leaf, Core {

    long count();

    double min();

    double max();

    /** Count-weighted mean; 0 when empty. */
    double mean();

    /** Approximate heap size, for the block cache. */
    long weight();
}
