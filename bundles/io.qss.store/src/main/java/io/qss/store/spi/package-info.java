// SPDX-License-Identifier: Apache-2.0
/**
 * Service provider interface of the store: where tree blocks live. The default keeps them in local files; a
 * distributed backend can implement {@link io.qss.store.spi.BlockStore} without touching the tree.
 */
@Version("1.0.0")
package io.qss.store.spi;

import org.osgi.annotation.versioning.Version;
