// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;

/**
 * The server side TLS context of the binary API from a PKCS12 keystore: HTTP/2 over ALPN with the JDK's TLS
 * provider (grpc-netty-shaded also carries a native OpenSSL, which the JDK provider keeps unloaded).
 */
final class TlsContext {

    private TlsContext() {}

    /** Reads the key and certificate chain of {@code tls.alias()}; every failure names the file and the cause. */
    static SslContext server(TlsSettings tls) throws IOException {
        char[] password = password(tls).toCharArray();
        KeyStore store = load(tls, password);
        try {
            Key key = store.getKey(tls.alias(), password);
            Certificate[] chain = store.getCertificateChain(tls.alias());
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new IOException("TLS key not found in the keystore [keystore=" + tls.keystore() + ", alias="
                        + tls.alias() + ", aliases=" + String.join(",", Collections.list(store.aliases()))
                        + "]");
            }
            X509Certificate[] certificates =
                    Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            return GrpcSslContexts.configure(SslContextBuilder.forServer(privateKey, certificates), SslProvider.JDK)
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("TLS key not usable [keystore=" + tls.keystore() + ", alias=" + tls.alias() + "]", e);
        }
    }

    private static String password(TlsSettings tls) throws IOException {
        if (tls.password() != null) {
            return tls.password();
        }
        try {
            return Files.readAllLines(tls.passwordFile()).stream()
                    .findFirst()
                    .orElse("")
                    .strip();
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "TLS keystore password file not found [file=" + tls.passwordFile()
                            + ", hint=bin/setenv writes it with the certificate when tlsPort is set at start]",
                    e);
        }
    }

    private static KeyStore load(TlsSettings tls, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "TLS keystore not found [keystore=" + tls.keystore()
                            + ", hint=bin/setenv generates it at start when tlsPort is set]",
                    e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(
                    "TLS keystore not opened, wrong password or not PKCS12 [keystore=" + tls.keystore() + "]", e);
        }
    }
}
