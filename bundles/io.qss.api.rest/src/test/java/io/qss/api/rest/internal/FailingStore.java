// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * A store whose every call that can fail with a {@link StoreException} fails with one code, while the calls that
 * cannot (stream lookup, usage) answer from a real store: so a front end gets as far as its query and meets the
 * failure there. For the tests proving that every front end answers a store failure with the same HTTP status.
 */
public final class FailingStore {

    private FailingStore() {}

    /** {@code real} with every failable call failing with {@code code}. */
    public static TimeSeriesStore failing(TimeSeriesStore real, ErrorCode code) {
        return (TimeSeriesStore) Proxy.newProxyInstance(
                TimeSeriesStore.class.getClassLoader(),
                new Class<?>[] {TimeSeriesStore.class},
                (proxy, method, args) -> {
                    if (Arrays.asList(method.getExceptionTypes()).contains(StoreException.class)) {
                        throw new StoreException(
                                code, "injected failure [code=" + code + ", call=" + method.getName() + "]");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
