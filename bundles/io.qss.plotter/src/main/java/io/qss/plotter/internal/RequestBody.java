// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import org.bson.Document;

/** Request bodies of the JSON API: small (a login, a permalink), so read whole and capped. Stateless. */
final class RequestBody {

    static final int MAX_BYTES = 16 * 1024;

    private RequestBody() {}

    /** The body as a JSON object; a 400 when it is not one. */
    static Document json(HttpServletRequest request) throws IOException, ApiException {
        return JsonObjects.parse(text(request), "request body");
    }

    /** The body as UTF-8 text; a 413 when it is longer than {@link #MAX_BYTES}. */
    static String text(HttpServletRequest request) throws IOException, ApiException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ApiException(413, "request body too large [max=" + MAX_BYTES + "]");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
