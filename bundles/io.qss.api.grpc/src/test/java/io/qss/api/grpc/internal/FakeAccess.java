// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access control for tests: tag {@code public} reads {@code /pub}, tag {@code lab} reads {@code /lab}, tag {@code
 * all} reads {@code /}. Keys: {@value #READER} (lab, read only), {@value #WRITER} (all, writes), {@value
 * #PUBLIC_WRITER} (public only, writes).
 */
final class FakeAccess implements AccessControl {

    static final String READER = "qss_reader_key";
    static final String WRITER = "qss_writer_key";
    static final String PUBLIC_WRITER = "qss_pubwriter_key";

    private static final Map<String, String> PREFIXES = Map.of("public", "/pub/", "lab", "/lab/", "all", "/");
    private static final Map<String, Caller> KEYS = Map.of(
            READER, new Caller("reader", Set.of("public", "lab"), false),
            WRITER, new Caller("writer", Set.of("public", "all"), true),
            PUBLIC_WRITER, new Caller("pubwriter", Set.of("public"), true));

    @Override
    public Caller anonymous() {
        return new Caller("anonymous", Set.of(PUBLIC_TAG), false);
    }

    @Override
    public Optional<Caller> apiKey(String key) {
        return Optional.ofNullable(KEYS.get(key));
    }

    @Override
    public Optional<Caller> login(String user, String password) {
        return Optional.empty();
    }

    @Override
    public boolean mayRead(Caller caller, String path) {
        return caller.tags().stream().map(PREFIXES::get).anyMatch(prefix -> prefix != null && path.startsWith(prefix));
    }

    @Override
    public boolean mayWrite(Caller caller, String path) {
        return caller.isWriter() && mayRead(caller, path);
    }
}
