// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import java.util.Optional;

/**
 * Resolves the caller of every call from its {@code authorization: Bearer <key>} metadata (anonymous without
 * one) and puts it into the call's {@link Context}. A key that is unknown or revoked is refused with gRPC status
 * UNAUTHENTICATED, never treated as anonymous.
 */
final class Callers implements ServerInterceptor {

    static final Context.Key<Caller> CALLER = Context.key("qss-caller");
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AccessControl access;

    Callers(AccessControl access) {
        this.access = access;
    }

    /** The caller of the current call (anonymous outside a call). */
    static Caller current(AccessControl access) {
        Caller caller = CALLER.get();
        return caller == null ? access.anonymous() : caller;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<Caller> caller = resolve(headers.get(AUTHORIZATION));
        if (caller.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription("invalid API key"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller.get()), call, headers, next);
    }

    private Optional<Caller> resolve(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(access.anonymous());
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("bearer")) {
            return Optional.empty();
        }
        return access.apiKey(value.substring(space + 1).strip());
    }
}
