// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The page's files, read once from the bundle's {@code web/} folder and kept in memory with a gzip copy and an
 * ETag (the files are small and fixed for the life of the bundle). Thread-safe.
 */
final class StaticFiles {

    /**
     * A file ready to send.
     *
     * @param contentType MIME type with charset where relevant
     * @param bytes the file
     * @param gzipped the file gzip-compressed, or null when compression does not pay
     * @param etag strong ETag, quoted
     */
    record StaticFile(String contentType, byte[] bytes, byte[] gzipped, String etag) {}

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
        return Optional.ofNullable(files.computeIfAbsent(path, this::read));
    }

    /** The file, or null when there is none (then nothing is cached). */
    private StaticFile read(String path) {
        try (InputStream in = loader.getResourceAsStream("web/" + path)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            String type = TYPES.getOrDefault(extension(path), "application/octet-stream");
            byte[] gzipped = type.startsWith("text/") || type.startsWith("application/json") || type.contains("svg")
                    ? gzip(bytes)
                    : null;
            return new StaticFile(type, bytes, gzipped, etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("web file not readable [path=" + path + "]", e);
        }
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

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
