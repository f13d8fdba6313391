// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.SystemHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /status}: the BTrDB 3.x status check. Body {@code OK} (plain text) once every qss component is serving;
 * otherwise 503 naming the components that are not.
 */
final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<SystemHealth> health;

    StatusServlet(Supplier<SystemHealth> health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SystemHealth current = health.get();
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        if (current.isServing()) {
            response.getOutputStream().write("OK".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        String waiting = current.components().entrySet().stream()
                .filter(entry -> !entry.getValue().state().isServing())
                .map(entry -> entry.getKey() + "=" + entry.getValue().state())
                .collect(Collectors.joining(", "));
        response.getOutputStream().write(("NOT READY [" + waiting + "]").getBytes(StandardCharsets.UTF_8));
    }
}
