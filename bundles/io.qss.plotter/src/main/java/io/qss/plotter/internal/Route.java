// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.store.api.StoreException;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One call of the plotter's JSON API ({@code METHOD /api/<name>[/<rest>]}). A failure is thrown as it is;
 * {@link ErrorAnswers} turns it into the answer, the same way for every route.
 */
@FunctionalInterface
interface Route {

    void serve(Call call) throws IOException, ApiException, StoreException, AuthException;

    /**
     * One request to a route.
     *
     * @param request the request; never null
     * @param response its answer; never null
     * @param caller who asks: the session's user, or the anonymous caller; never null
     * @param rest the path after {@code /api/<name>/}, empty when there is none; never null
     */
    record Call(HttpServletRequest request, HttpServletResponse response, Caller caller, String rest) {}
}
