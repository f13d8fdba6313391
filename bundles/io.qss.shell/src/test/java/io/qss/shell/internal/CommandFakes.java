// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Services for command tests: a proxy answering the methods a test names and recording every call. */
public final class CommandFakes {

    private CommandFakes() {}

    /**
     * An implementation of {@code type}: each call is recorded in {@code calls} as {@code name(arg, ...)}; methods
     * named in {@code answers} return its answer, others return null (so a test sees what it did not expect).
     */
    public static <T> T fake(Class<T> type, List<String> calls, Map<String, Function<Object[], Object>> answers) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object[] a = args == null ? new Object[0] : args;
            calls.add(method.getName() + "("
                    + Arrays.stream(a).map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            Function<Object[], Object> answer = answers.get(method.getName());
            return answer == null ? null : answer.apply(a);
        });
        return type.cast(proxy);
    }
}
