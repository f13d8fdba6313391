// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code POST /api/permalinks} saves a view and answers its id; {@code GET /api/permalinks/<id>} answers it. */
final class PermalinkRoutes {

    private final Permalinks permalinks;

    PermalinkRoutes(Permalinks permalinks) {
        this.permalinks = permalinks;
    }

    void save(Route.Call call) throws IOException, ApiException {
        String id = permalinks.save(RequestBody.text(call.request()));
        try (JsonGenerator json = JsonOut.start(call.request(), call.response(), 200)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeEndObject();
        }
    }

    void load(Route.Call call) throws IOException, ApiException {
        String id = call.rest();
        String view = permalinks.load(id).orElseThrow(() -> ApiException.notFound("no such permalink [id=" + id + "]"));
        byte[] bytes = view.getBytes(StandardCharsets.UTF_8);
        call.response().setContentType("application/json; charset=utf-8");
        call.response().setHeader("Cache-Control", "no-store");
        call.response().setContentLength(bytes.length);
        call.response().getOutputStream().write(bytes);
    }
}
