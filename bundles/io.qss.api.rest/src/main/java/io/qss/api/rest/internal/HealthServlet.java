// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.core.health.HealthReport;
import io.qss.core.health.SystemHealth;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: every qss component with its state, detail and figures, as JSON:
 * {@code {"status":"UP","components":{"mongo":{"state":"UP","detail":"connected","figures":{...}}}}}.
 * 200 while serving, 503 otherwise, so load balancers and scripts can use the status code alone.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final transient Supplier<SystemHealth> health;

    HealthServlet(Supplier<SystemHealth> health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SystemHealth current = health.get();
        response.setStatus(
                current.isServing() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        try (JsonGenerator json = JSON.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("status", current.overall().name());
            json.writeObjectFieldStart("components");
            for (Map.Entry<String, HealthReport> component :
                    current.components().entrySet()) {
                writeComponent(json, component.getKey(), component.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeComponent(JsonGenerator json, String name, HealthReport report) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("state", report.state().name());
        json.writeStringField("detail", report.detail());
        json.writeObjectFieldStart("figures");
        for (Map.Entry<String, Object> figure : report.figures().entrySet()) {
            json.writeFieldName(figure.getKey());
            writeScalar(json, figure.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeScalar(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}
