// SPDX-License-Identifier: Apache-2.0
/**
 * Data areas: the parts of qss's data (the store, ...) that a restore or a new database replaces. A bundle whose
 * data may live outside the data directory (the store on another backend) registers a
 * {@link io.qss.core.data.DataArea} for it, so that the operations code replaces the data where it really is instead
 * of a folder nobody uses.
 */
@Version("1.0.0")
package io.qss.core.data;

import org.osgi.annotation.versioning.Version;
