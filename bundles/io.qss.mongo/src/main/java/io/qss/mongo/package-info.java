// SPDX-License-Identifier: Apache-2.0
/**
 * The MongoDB client of qss. Other bundles reference the driver's {@code com.mongodb.client.MongoClient} OSGi service,
 * registered by this bundle with the properties named here; the same code path serves the embedded default and a
 * production {@code mongodb://} server.
 */
@Version("1.0.0")
package io.qss.mongo;

import org.osgi.annotation.versioning.Version;
