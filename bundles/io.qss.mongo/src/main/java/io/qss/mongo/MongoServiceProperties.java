// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo;

/** Service properties of the {@code com.mongodb.client.MongoClient} service that this bundle registers. */
public final class MongoServiceProperties {

    /** {@code Boolean}: true when the client talks to the embedded server inside the qss data directory. */
    public static final String EMBEDDED = "qss.mongo.embedded";

    /** {@code String}: the server address the client uses, e.g. {@code 127.0.0.1:27018}; never a password. */
    public static final String ADDRESS = "qss.mongo.address";

    private MongoServiceProperties() {}
}
