// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.core.DataDirectory;
import java.nio.file.Path;

/**
 * Settings of the binary API's TLS listener (gRPC v5api only; capnp 3.x had no TLS).
 *
 * @param port TCP port; 0 means no TLS listener
 * @param keystore PKCS12 keystore holding the server key and certificate
 * @param password password of the keystore and its key; null means the first line of {@code passwordFile}
 * @param passwordFile file whose first line is the password when {@code password} is null
 * @param alias alias of the key entry
 */
record TlsSettings(int port, Path keystore, String password, Path passwordFile, String alias) {

    /** File name of the certificate that bin/setenv generates in the data directory's keys/. */
    static final String KEYSTORE_NAME = "tls.p12";
    /** File beside it whose first line is its random password. */
    static final String PASSWORD_NAME = "tls.password";

    /**
     * The settings of the configuration keys: an empty keystore or password means the generated certificate in the
     * data directory.
     */
    static TlsSettings of(int port, String keystore, String password, String alias, DataDirectory data) {
        Path keys = data.keys();
        return new TlsSettings(
                port,
                keystore.isBlank() ? keys.resolve(KEYSTORE_NAME) : Path.of(keystore.strip()),
                password.isEmpty() ? null : password,
                keys.resolve(PASSWORD_NAME),
                alias.strip());
    }
}
