// SPDX-License-Identifier: Apache-2.0
/**
 * Service provider interface of the store: where its bytes live. A backend bundle registers a
 * {@link io.qss.store.api.spi.StoreBackend} with the service property {@code backend=<name>}; the engine, configured
 * with {@code backend = <name>}, opens a {@link io.qss.store.api.spi.StoreVolume} from it and keeps everything it
 * persists there: tree blocks, the metadata log and its checkpoints, the write-ahead log, the format header. Formats
 * (framing, checksums, addresses) stay the engine's; a backend stores named byte objects and the writer lease.
 */
@Version("2.1.0")
package io.qss.store.api.spi;

import org.osgi.annotation.versioning.Version;
