// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.grpc;

import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import java.util.Optional;
import java.util.Set;

/** Access control for the in-process benchmark: every caller reads and writes everything. */
public final class AllowAll implements AccessControl {

    private static final Caller ALL = new Caller("bench", Set.of(PUBLIC_TAG), true);

    @Override
    public Caller anonymous() {
        return ALL;
    }

    @Override
    public Optional<Caller> apiKey(String key) {
        return Optional.of(ALL);
    }

    @Override
    public Optional<Caller> login(String user, String password) {
        return Optional.of(ALL);
    }

    @Override
    public boolean mayRead(Caller caller, String path) {
        return true;
    }

    @Override
    public boolean mayWrite(Caller caller, String path) {
        return true;
    }
}
