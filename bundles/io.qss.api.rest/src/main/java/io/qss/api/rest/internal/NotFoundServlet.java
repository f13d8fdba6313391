// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Every path no endpoint serves: 404 with body {@code 404 page not found}, as BTrDB 3.x answered. */
final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiServlet.sendText(response, HttpServletResponse.SC_NOT_FOUND, "404 page not found");
    }
}
