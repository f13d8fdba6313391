// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an update archive's KAR before anything in the container changes: it must hold the features repository
 * the archive names, and every bundle that repository lists must be in the KAR or already in {@code system/}. An
 * archive that fails here is refused as it is, so an incomplete archive never reaches the swap (and its rollback).
 */
final class UpdatePreflight {

    private static final String PREFIX = "repository/";
    private static final Pattern BUNDLE = Pattern.compile("<bundle[^>]*>\\s*(mvn:[^<\\s]+)\\s*</bundle>");

    private UpdatePreflight() {}

    /** Throws when the KAR lacks the features repository {@code repositoryUri} or a bundle it lists. */
    static void check(Path kar, String repositoryUri, Path system) throws UpdateException {
        String repositoryPath = mavenPath(repositoryUri, kar);
        Map<String, byte[]> features = new HashMap<>();
        List<String> karPaths = entries(kar, repositoryPath, features);
        byte[] xml = features.get(repositoryPath);
        if (xml == null) {
            throw new UpdateException("update archive's KAR lacks its features repository, archive refused [kar=" + kar
                    + ", repository=" + repositoryUri + "]");
        }
        List<String> missing = new ArrayList<>();
        Matcher bundle = BUNDLE.matcher(new String(xml, StandardCharsets.UTF_8));
        while (bundle.find()) {
            String path = mavenPath(bundle.group(1), kar);
            if (!karPaths.contains(path) && !Files.isRegularFile(system.resolve(path))) {
                missing.add(bundle.group(1));
            }
        }
        if (!missing.isEmpty()) {
            throw new UpdateException("update archive lacks bundles its features need, archive refused [kar=" + kar
                    + ", missing=" + missing + "]");
        }
    }

    /** The KAR's repository paths; the content of {@code wanted} goes into {@code content}. */
    private static List<String> entries(Path kar, String wanted, Map<String, byte[]> content) throws UpdateException {
        List<String> paths = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory() || !entry.getName().startsWith(PREFIX)) {
                    continue;
                }
                String path = entry.getName().substring(PREFIX.length());
                paths.add(path);
                if (path.equals(wanted)) {
                    content.put(path, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UpdateException("update archive's KAR is unreadable [kar=" + kar + "]", e);
        }
        return paths;
    }

    /**
     * The repository path of a Maven URL: {@code mvn:io.qss/qss-features/0.2.0/xml/features} is
     * {@code io/qss/qss-features/0.2.0/qss-features-0.2.0-features.xml}; type defaults to {@code jar}.
     */
    static String mavenPath(String url, Path kar) throws UpdateException {
        String[] parts = url.startsWith("mvn:") ? url.substring(4).split("/") : new String[0];
        if (parts.length < 3 || parts.length > 5) {
            throw new UpdateException("not a Maven URL in the update archive [kar=" + kar + ", url=" + url + "]");
        }
        String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "jar";
        String classifier = parts.length > 4 ? "-" + parts[4] : "";
        return parts[0].replace('.', '/') + "/" + parts[1] + "/" + parts[2] + "/" + parts[1] + "-" + parts[2]
                + classifier + "." + type;
    }
}
