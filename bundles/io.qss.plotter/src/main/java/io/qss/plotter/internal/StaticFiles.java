// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The page's files, read once from the bundle's {@code web/} folder and kept in memory with a gzip copy and an
 * ETag (the files are small and fixed for the life of the bundle). The page names its scripts and styles with their
 * version ({@code /web/app.js?v=<version>}), so a browser may keep them without asking again: otherwise every load
 * of the page costs a round of conditional requests before its scripts can run. Thread-safe.
 */
final class StaticFiles {

    /**
     * A file ready to send.
     *
     * @param contentType MIME type with charset where relevant
     * @param bytes the file
     * @param gzipped the file gzip-compressed, or null when compression does not pay
     * @param version hex digest of the content, what the page's links to the file carry as {@code ?v=}
     */
    record StaticFile(String contentType, byte[] bytes, byte[] gzipped, String version) {

        /** Strong ETag, quoted. */
        String etag() {
            return "\"" + version + "\"";
        }
    }

    /** A script or stylesheet of the page's own, as the page links it. */
    private static final Pattern LINKED_FILE = Pattern.compile("(src|href)=\"/web/([^\"?#]+\\.(?:js|css))\"");

    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "json",
            "application/json; charset=utf-8",
            "svg",
            "image/svg+xml",
            "png",
            "image/png",
            "ico",
            "image/x-icon",
            "txt",
            "text/plain; charset=utf-8");

    private final ClassLoader loader;
    /** Only files found are kept, so requests for made-up paths cannot grow the map. */
    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    StaticFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** The file at {@code path} below {@code web/} (no leading slash), or empty when there is none. */
    Optional<StaticFile> file(String path) {
        if (path.isEmpty() || path.contains("..") || path.startsWith("/") || path.endsWith("/")) {
            return Optional.empty();
        }
        StaticFile known = files.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        // read outside the map: the page reads the files it links while it is read itself
        StaticFile read = read(path);
        return read == null ? Optional.empty() : Optional.of(files.merge(path, read, (kept, again) -> kept));
    }

    /** The file, or null when there is none (then nothing is cached). */
    private StaticFile read(String path) {
        try (InputStream in = loader.getResourceAsStream("web/" + path)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            if (path.equals("index.html")) {
                bytes = withVersionedLinks(new String(bytes, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
            }
            String type = TYPES.getOrDefault(extension(path), "application/octet-stream");
            byte[] gzipped = type.startsWith("text/") || type.startsWith("application/json") || type.contains("svg")
                    ? gzip(bytes)
                    : null;
            return new StaticFile(type, bytes, gzipped, version(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("web file not readable [path=" + path + "]", e);
        }
    }

    /** The page with {@code ?v=<version>} on each link to a script or stylesheet of its own. */
    private String withVersionedLinks(String page) {
        Matcher link = LINKED_FILE.matcher(page);
        StringBuilder out = new StringBuilder(page.length() + 512);
        while (link.find()) {
            String target = link.group(2);
            StaticFile file = file(target)
                    .orElseThrow(
                            () -> new IllegalStateException("the page links a missing file [path=" + target + "]"));
            link.appendReplacement(
                    out, Matcher.quoteReplacement(link.group(1) + "=\"/web/" + target + "?v=" + file.version() + "\""));
        }
        link.appendTail(out);
        return out.toString();
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size() < bytes.length ? out.toByteArray() : null;
    }

    private static String version(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
