// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qss.api.rest.DirectCsv;
import io.qss.api.rest.DirectCsvRequest;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.store.RawPoint;
import io.qss.store.SpaceUsage;
import io.qss.store.StoreException;
import io.qss.store.TimeSeriesStore;
import io.qss.store.Version;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plotter's HTTP surface: the page and its files, and the JSON API under {@code /api/} documented in
 * docs/plotter.md. Plain servlet code, so it runs the same in the container and in tests. Thread-safe.
 */
final class PlotterServlet extends HttpServlet {

    static final String COOKIE = "qss_session";
    static final String NOT_ACCEPTING = "No longer accepting new data";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PlotterServlet.class);
    private static final int MAX_BODY = 16 * 1024;

    private final transient TimeSeriesStore store;
    private final transient AccessControl access;
    private final transient AuthAdmin admin;
    private final transient DirectCsv csv;
    private final transient Sessions sessions;
    private final transient Permalinks permalinks;
    private final transient StreamCatalog catalog;
    private final transient StaticFiles files;
    private final transient BooleanSupplier isAcceptingData;
    private final transient LoginThrottle throttle;
    private final PlotterSettings settings;
    private final String instance = UUID.randomUUID().toString();

    PlotterServlet(TimeSeriesStore store, AccessControl access, AuthAdmin admin, DirectCsv csv, Sessions sessions,
            Permalinks permalinks, LoginThrottle throttle, BooleanSupplier isAcceptingData, PlotterSettings settings) {
        this.store = store;
        this.access = access;
        this.admin = admin;
        this.csv = csv;
        this.sessions = sessions;
        this.permalinks = permalinks;
        this.catalog = new StreamCatalog(store, access);
        this.files = new StaticFiles(PlotterServlet.class.getClassLoader());
        this.isAcceptingData = isAcceptingData;
        this.throttle = throttle;
        this.settings = settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if ("TRACE".equals(request.getMethod()) || "TRACK".equals(request.getMethod())) {
                // echoing a request would hand its session cookie to a script that can send one
                throw new ApiException(405, "method not allowed [method=" + request.getMethod() + "]");
            }
            if (path.startsWith("/api/")) {
                api(request, response, path.substring("/api/".length()));
            } else {
                page(request, response, path);
            }
        } catch (ApiException e) {
            answerError(request, response, e.status(), e.getMessage());
        } catch (StoreException e) {
            storeFailure(request, response, path, e);
        } catch (AuthException e) {
            answerError(request, response, 500, internalError("account change failed", path, e));
        } catch (RuntimeException e) {
            answerError(request, response, 500, internalError("request failed", path, e));
        }
    }

    /**
     * A store failure the user caused (a bad range) is a 400 with the store's words; one the store is busy with a 503;
     * the rest are failures of the server, answered without their text, which may name files.
     */
    private static void storeFailure(HttpServletRequest request, HttpServletResponse response, String path,
            StoreException e) throws IOException {
        switch (e.code()) {
            case IO_ERROR, CORRUPT_DATA, JOURNAL_ERROR -> answerError(request, response, 500,
                    internalError("query failed", path, e));
            case UNAVAILABLE, RESOURCE_DEPLETED -> answerError(request, response, 503,
                    "the store is busy; try again shortly");
            default -> answerError(request, response, 400, "query refused [reason=" + e.getMessage() + "]");
        }
    }

    /** Logs the failure with a reference and returns the answer's text: what failed and the reference, no more. */
    private static String internalError(String what, String path, Exception e) {
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        LOG.error("plotter {} [ref={}, path={}]", what, ref, path, e);
        return what + "; see the server log [ref=" + ref + "]";
    }

    private static void answerError(HttpServletRequest request, HttpServletResponse response, int status,
            String message) throws IOException {
        if (response.isCommitted()) {
            // half an answer is out (a CSV export); closing the connection is all that is left to say it failed
            throw new IOException("plotter answer failed after it started [status=" + status + "]");
        }
        response.reset();
        if (status == 413) {
            response.setHeader("Connection", "close"); // the rest of the body is not worth reading
        }
        JsonOut.error(request, response, status, message);
    }

    /** The id {@code GET /api/instance} answers, so a probe of the port can tell this plotter from any other server. */
    String instance() {
        return instance;
    }

    private void writeInstance(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("instance", instance);
            json.writeEndObject();
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException, ApiException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            throw new ApiException(405, "method not allowed [method=" + request.getMethod() + ", path=" + path + "]");
        }
        // browsers that ignore the page's icon link ask for /favicon.ico; the SVG is what there is
        String file = path.equals("/") || path.isEmpty() || path.equals("/index.html") ? "index.html"
                : path.equals("/favicon.ico") ? "favicon.svg"
                : path.startsWith("/web/") ? path.substring("/web/".length()) : null;
        StaticFiles.StaticFile found = file == null ? null : files.file(file).orElse(null);
        if (found == null) {
            throw ApiException.notFound("no such page [path=" + path + "]");
        }
        response.setContentType(found.contentType());
        response.setHeader("ETag", found.etag());
        response.setHeader("Cache-Control", file.startsWith("uplot/") ? "public, max-age=86400" : "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // the page loads only its own scripts and styles and talks only to this server
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        if (found.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        byte[] body = found.bytes();
        if (found.gzipped() != null && JsonOut.acceptsGzip(request)) {
            response.setHeader("Content-Encoding", "gzip");
            response.addHeader("Vary", "Accept-Encoding");
            body = found.gzipped();
        }
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private void api(HttpServletRequest request, HttpServletResponse response, String route)
            throws IOException, ApiException, StoreException, AuthException {
        String method = request.getMethod();
        if ("GET".equals(method) && route.equals("instance")) {
            writeInstance(request, response); // the health probe: answered without touching sessions (MongoDB)
            return;
        }
        Caller caller = caller(request);
        switch (method + " " + firstSegment(route)) {
            case "POST login" -> login(request, response);
            case "POST logout" -> logout(request, response);
            case "GET session" -> writeSession(request, response, caller);
            case "POST password" -> password(request, response, caller);
            case "GET streams" -> streams(request, response, caller, rest(route));
            case "GET bracket" -> bracket(request, response, caller);
            case "GET data" -> data(request, response, caller);
            case "POST permalinks" -> savePermalink(request, response);
            case "GET permalinks" -> loadPermalink(request, response, rest(route));
            case "GET csv" -> csv(request, response, caller);
            case "GET usage" -> usage(request, response);
            default -> throw ApiException.notFound("no such API call [method=" + method + ", path=/api/" + route + "]");
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException, ApiException {
        Document body = jsonBody(request);
        String user = body.get("username") instanceof String s ? s : "";
        String password = body.get("password") instanceof String s ? s : "";
        Caller caller = checkPassword(user, password)
                .orElseThrow(() -> ApiException.unauthorized("wrong user name or password [user=" + user + "]"));
        String token = sessions.open(caller);
        response.addHeader("Set-Cookie", cookieHeader(token, settings.sessionExpirySeconds(), request.isSecure()));
        LOG.info("plotter login [user={}, from={}]", user, request.getRemoteAddr());
        writeSession(request, response, caller);
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

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        sessions.close(token(request));
        response.addHeader("Set-Cookie", cookieHeader("", 0, request.isSecure()));
        writeSession(request, response, access.anonymous());
    }

    private void password(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException, ApiException, AuthException {
        if (!isLoggedIn(caller)) {
            throw ApiException.unauthorized("log in to change your password");
        }
        Document body = jsonBody(request);
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
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("user", caller.name());
            json.writeEndObject();
        }
    }

    private void streams(HttpServletRequest request, HttpServletResponse response, Caller caller, String uuid)
            throws IOException, ApiException, StoreException {
        if (!uuid.isEmpty()) {
            streamInfo(request, response, catalog.readable(caller, Params.uuid(uuid)));
            return;
        }
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartArray();
            for (StreamCatalog.Entry entry : catalog.readable(caller)) {
                json.writeStartObject();
                json.writeStringField("uuid", entry.info().uuid().toString());
                json.writeStringField("path", entry.path());
                json.writeStringField("collection", entry.info().collection());
                json.writeStringField("name", entry.name());
                json.writeStringField("unit", entry.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private void streamInfo(HttpServletRequest request, HttpServletResponse response, StreamCatalog.Entry entry)
            throws IOException, StoreException {
        UUID uuid = entry.info().uuid();
        long version = store.version(uuid).major();
        Optional<RawPoint> first = store.earliest(uuid, Version.LATEST);
        Optional<RawPoint> last = store.latest(uuid, Version.LATEST);
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("uuid", uuid.toString());
            json.writeStringField("path", entry.path());
            json.writeStringField("collection", entry.info().collection());
            json.writeStringField("name", entry.name());
            json.writeStringField("unit", entry.unit());
            writeMap(json, "tags", entry.info().tags());
            writeMap(json, "annotations", entry.info().annotations());
            json.writeNumberField("version", version);
            writeTime(json, "first", first.map(RawPoint::time));
            writeTime(json, "last", last.map(RawPoint::time));
            json.writeEndObject();
        }
    }

    private void bracket(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException, ApiException, StoreException {
        List<UUID> uuids = Params.uuids(request);
        for (UUID uuid : uuids) {
            catalog.readable(caller, uuid);
        }
        long merged0 = Long.MAX_VALUE;
        long merged1 = Long.MIN_VALUE;
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeObjectFieldStart("streams");
            for (UUID uuid : uuids) {
                Optional<RawPoint> first = store.earliest(uuid, Version.LATEST);
                Optional<RawPoint> last = store.latest(uuid, Version.LATEST);
                json.writeFieldName(uuid.toString());
                if (first.isEmpty() || last.isEmpty()) {
                    json.writeNull();
                    continue;
                }
                merged0 = Math.min(merged0, first.get().time());
                merged1 = Math.max(merged1, last.get().time());
                json.writeStartObject();
                json.writeStringField("first", Long.toString(first.get().time()));
                json.writeStringField("last", Long.toString(last.get().time()));
                json.writeEndObject();
            }
            json.writeEndObject();
            boolean hasData = merged0 <= merged1;
            writeTime(json, "first", hasData ? Optional.of(merged0) : Optional.empty());
            writeTime(json, "last", hasData ? Optional.of(merged1) : Optional.empty());
            json.writeEndObject();
        }
    }

    private void data(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException, ApiException, StoreException {
        UUID uuid = Params.uuid(Params.required(request, "uuid"));
        long start = Params.time(request, "start");
        long end = Params.time(request, "end");
        int pw = Params.pointWidth(request, "pw");
        boolean binary = Params.binaryColumns(request);
        catalog.readable(caller, uuid);
        DataWindows data = DataWindows.query(store, uuid, start, end, pw, settings.maxWindowsPerQuery());
        if (binary) {
            byte[] body = data.binaryColumns();
            response.setContentType("application/octet-stream");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("uuid", uuid.toString());
            json.writeNumberField("pw", pw);
            json.writeStringField("start", Long.toString(data.start));
            json.writeStringField("end", Long.toString(data.end));
            json.writeArrayFieldStart("times");
            for (int i = 0; i < data.size; i++) {
                json.writeNumber(data.times[i] / 1e6);
            }
            json.writeEndArray();
            writeColumn(json, "min", data.min, data.size);
            writeColumn(json, "mean", data.mean, data.size);
            writeColumn(json, "max", data.max, data.size);
            json.writeArrayFieldStart("count");
            for (int i = 0; i < data.size; i++) {
                json.writeNumber(data.count[i]);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void savePermalink(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ApiException {
        String id = permalinks.save(body(request));
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeEndObject();
        }
    }

    private void loadPermalink(HttpServletRequest request, HttpServletResponse response, String id)
            throws IOException, ApiException {
        String view = permalinks.load(id).orElseThrow(() -> ApiException.notFound("no such permalink [id=" + id + "]"));
        byte[] bytes = view.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void csv(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws IOException, ApiException, StoreException {
        List<UUID> uuids = Params.uuids(request);
        String[] given = request.getParameterValues("label");
        List<String> labels = new ArrayList<>();
        List<StreamCatalog.Entry> entries = new ArrayList<>();
        for (int i = 0; i < uuids.size(); i++) {
            StreamCatalog.Entry entry = catalog.readable(caller, uuids.get(i));
            String label = given != null && i < given.length ? given[i].trim() : "";
            labels.add(label.isEmpty() ? entry.path() : label);
            entries.add(entry);
        }
        long start = Params.time(request, "start");
        long end = Params.time(request, "end");
        int pw = Params.pointWidth(request, "pw");
        if (end <= start) {
            throw ApiException.badRequest("end must be after start [start=" + start + ", end=" + end + "]");
        }
        boolean metadata = flag(request, "metadata");
        DirectCsvRequest export = new DirectCsvRequest(uuids, labels, start, end, pw, zone(request));
        long rows = csv.estimateRows(export);
        if (rows > settings.csvMaxRows()) {
            throw ApiException.badRequest("CSV export too large; choose a larger point width or a shorter range [rows="
                    + rows + ", max=" + settings.csvMaxRows() + ", pw=" + pw + "]");
        }
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"data.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                1 << 16);
        if (metadata) {
            writeCsvMetadata(export, entries, out);
        }
        csv.write(export, out);
        out.flush();
    }

    /**
     * Comment lines ahead of the CSV header that say what each column holds and what was exported, so a file read
     * long after the export still names its streams (Mr. Plotter's "embed metadata").
     */
    private static void writeCsvMetadata(DirectCsvRequest export, List<StreamCatalog.Entry> entries, Writer out)
            throws IOException {
        out.write("# qss plotter CSV export\n");
        out.write("# range: start=" + export.start() + " ns (" + instant(export.start(), export.zone()) + "), end="
                + export.end() + " ns (" + instant(export.end(), export.zone()) + ")\n");
        out.write("# point width: pw=" + export.pointWidth() + " (windows of 2^" + export.pointWidth() + " = "
                + (1L << export.pointWidth()) + " ns)\n");
        for (int i = 0; i < entries.size(); i++) {
            StreamCatalog.Entry entry = entries.get(i);
            out.write("# column " + (i + 1) + ": label=" + oneLine(export.labels().get(i)) + ", uuid="
                    + entry.info().uuid() + ", path=" + oneLine(entry.path()) + ", unit=" + oneLine(entry.unit())
                    + "\n");
        }
    }

    private static String instant(long ns, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L))
                .atZone(zone).toOffsetDateTime().toString();
    }

    /**
     * A label typed by the user must neither end the comment line and start a CSV row, nor (through a comma) start a
     * cell of its own in a spreadsheet that reads comment lines as rows, where {@code =...} would run as a formula.
     * The exact label is in the header row.
     */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace(',', ';');
    }

    private static boolean flag(HttpServletRequest request, String name) throws ApiException {
        String value = request.getParameter(name);
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        throw ApiException.badRequest("not true or false [" + name + "=" + value + "]");
    }

    private void usage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SpaceUsage usage = store.usage();
        long total = usage.volumeTotalBytes();
        long used = total - usage.volumeFreeBytes();
        boolean accepting = isAcceptingData.getAsBoolean();
        try (JsonGenerator json = JsonOut.start(request, response, 200)) {
            json.writeStartObject();
            json.writeNumberField("usedBytes", used);
            json.writeNumberField("totalBytes", total);
            json.writeNumberField("usedFraction", usage.volumeUsedFraction());
            json.writeStringField("text", UsageText.of(used, total));
            json.writeBooleanField("accepting", accepting);
            if (accepting) {
                json.writeNullField("notice");
            } else {
                json.writeStringField("notice", NOT_ACCEPTING);
            }
            json.writeEndObject();
        }
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

    private Caller caller(HttpServletRequest request) {
        return sessions.caller(token(request)).orElseGet(access::anonymous);
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

    private static ZoneId zone(HttpServletRequest request) throws ApiException {
        String zone = request.getParameter("zone");
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("unknown time zone [zone=" + zone + "]");
        }
    }

    private static Document jsonBody(HttpServletRequest request) throws IOException, ApiException {
        return JsonObjects.parse(body(request), "request body");
    }

    private static String body(HttpServletRequest request) throws IOException, ApiException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "request body too large [max=" + MAX_BODY + "]");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String firstSegment(String route) {
        int slash = route.indexOf('/');
        return slash < 0 ? route : route.substring(0, slash);
    }

    private static String rest(String route) {
        int slash = route.indexOf('/');
        return slash < 0 ? "" : route.substring(slash + 1);
    }

    private static void writeColumn(JsonGenerator json, String name, double[] values, int size) throws IOException {
        json.writeArrayFieldStart(name);
        for (int i = 0; i < size; i++) {
            JsonOut.number(json, values[i]);
        }
        json.writeEndArray();
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(map).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** Times in answers are strings: JavaScript numbers cannot hold nanoseconds since 1970 exactly. */
    private static void writeTime(JsonGenerator json, String name, Optional<Long> time) throws IOException {
        if (time.isEmpty()) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, Long.toString(time.get()));
        }
    }
}
