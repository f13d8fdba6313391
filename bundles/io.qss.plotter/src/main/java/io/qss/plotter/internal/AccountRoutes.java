// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the caller is and the account calls: {@code POST /api/login}, {@code POST /api/logout}, {@code GET /api/session}
 * and {@code POST /api/password}. A session is a cookie naming a sealed session document ({@link Sessions}). Thread-safe.
 */
final class AccountRoutes {

    static final String COOKIE = "qss_session";

    private static final Logger LOG = LoggerFactory.getLogger(PlotterServlet.class);

    private final AccessControl access;
    private final AuthAdmin admin;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PlotterSettings settings;

    AccountRoutes(
            AccessControl access,
            AuthAdmin admin,
            Sessions sessions,
            LoginThrottle throttle,
            PlotterSettings settings) {
        this.access = access;
        this.admin = admin;
        this.sessions = sessions;
        this.throttle = throttle;
        this.settings = settings;
    }

    /** The caller of a request: its session's user, or the anonymous caller. */
    Caller caller(HttpServletRequest request) {
        return sessions.caller(token(request)).orElseGet(access::anonymous);
    }

    void login(Route.Call call) throws IOException, ApiException {
        Document body = RequestBody.json(call.request());
        String user = body.get("username") instanceof String s ? s : "";
        String password = body.get("password") instanceof String s ? s : "";
        Caller caller = checkPassword(user, password)
                .orElseThrow(() -> ApiException.unauthorized("wrong user name or password [user=" + user + "]"));
        String token = sessions.open(caller);
        call.response()
                .addHeader(
                        "Set-Cookie",
                        cookieHeader(
                                token,
                                settings.sessionExpirySeconds(),
                                call.request().isSecure()));
        LOG.info("plotter login [user={}, from={}]", user, call.request().getRemoteAddr());
        writeSession(call.request(), call.response(), caller);
    }

    void logout(Route.Call call) throws IOException {
        sessions.close(token(call.request()));
        call.response()
                .addHeader("Set-Cookie", cookieHeader("", 0, call.request().isSecure()));
        writeSession(call.request(), call.response(), access.anonymous());
    }

    void session(Route.Call call) throws IOException {
        writeSession(call.request(), call.response(), call.caller());
    }

    void password(Route.Call call) throws IOException, ApiException, AuthException {
        Caller caller = call.caller();
        if (!isLoggedIn(caller)) {
            throw ApiException.unauthorized("log in to change your password");
        }
        Document body = RequestBody.json(call.request());
        String oldPassword = body.get("oldPassword") instanceof String s ? s : "";
        String newPassword = body.get("newPassword") instanceof String s ? s : "";
        if (checkPassword(caller.name(), oldPassword).isEmpty()) {
            throw ApiException.unauthorized("current password is wrong [user=" + caller.name() + "]");
        }
        if (newPassword.isEmpty()) {
            throw ApiException.badRequest("new password is empty [user=" + caller.name() + "]");
        }
        if (!admin.setPassword(caller.name(), newPassword)) {
            throw ApiException.notFound("account no longer exists [user=" + caller.name() + "]");
        }
        try (JsonGenerator json = JsonOut.start(call.request(), call.response(), 200)) {
            json.writeStartObject();
            json.writeStringField("user", caller.name());
            json.writeEndObject();
        }
    }

    /** The password check of login and password change, refused for a while after repeated failures. */
    private Optional<Caller> checkPassword(String user, String password) throws ApiException {
        long wait = throttle.waitSeconds(user);
        if (wait > 0) {
            throw new ApiException(429, "too many failed logins; try again in " + wait + " s [user=" + user + "]");
        }
        Optional<Caller> caller = access.login(user, password);
        if (caller.isPresent()) {
            throttle.succeeded(user);
        } else {
            throttle.failed(user);
        }
        return caller;
    }

    private void writeSession(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException {
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            if (isLoggedIn(caller)) {
                json.writeStringField("user", caller.name());
            } else {
                json.writeNullField("user");
            }
            json.writeArrayFieldStart("tags");
            for (String tag : caller.tags().stream().sorted().toList()) {
                json.writeString(tag);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("settings");
            json.writeNumberField("followIntervalSeconds", settings.followIntervalSeconds());
            json.writeNumberField("csvMaxRows", settings.csvMaxRows());
            json.writeNumberField("maxWindowsPerQuery", settings.maxWindowsPerQuery());
            json.writeNumberField("wheelZoomStep", settings.wheelZoomStep());
            json.writeNumberField("wheelZoomStepFast", settings.wheelZoomStepFast());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private boolean isLoggedIn(Caller caller) {
        return !caller.name().equals(access.anonymous().name());
    }

    private static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** SameSite is not in the servlet API's Cookie, so the header is written by hand. */
    private static String cookieHeader(String token, long maxAgeSeconds, boolean isSecure) {
        return COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (isSecure ? "; Secure" : "");
    }
}
