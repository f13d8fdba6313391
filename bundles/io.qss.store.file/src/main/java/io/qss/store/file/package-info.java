// SPDX-License-Identifier: Apache-2.0
/**
 * The store backend on a local directory ({@code backend=file}): each object of a
 * {@link io.qss.store.api.spi.StoreVolume} is a file under the directory, an object name's {@code /} a subfolder.
 * {@link io.qss.store.file.FileVolumes} opens one without OSGi (tests, benchmarks, tools).
 */
@Version("1.0.0")
package io.qss.store.file;

import org.osgi.annotation.versioning.Version;
