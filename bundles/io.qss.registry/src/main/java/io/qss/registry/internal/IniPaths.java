// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegistryException;
import java.util.regex.Pattern;

/**
 * The {@code Path} of an upmuconfig.ini stream, e.g. {@code /lbnl/uPMU1/L1MAG}: operators change its first segment
 * to move a device to another access-control domain (the manual's chapter 10), and users' links name the paths, so
 * qss keeps them. Every path of a device must be {@code /<collection>/<STREAM>} with one collection for all its
 * streams (the store files a stream under its collection and its name). Stateless.
 */
final class IniPaths {

    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private IniPaths() {}

    /**
     * The collection {@code stream}'s {@code Path} names, checked against {@code before} (the one the device's
     * earlier streams named, or null); {@code before} when the stream has no {@code Path}.
     *
     * @throws RegistryException when the path is malformed, does not end in the stream's name, or names another
     *     collection than the device's other streams
     */
    static String collection(String device, IniSection stream, String before) throws RegistryException {
        String path = stream.values().get("Path");
        if (path == null || path.isBlank()) {
            return before;
        }
        path = path.strip();
        String suffix = "/" + stream.name();
        String collection =
                path.startsWith("/") && path.endsWith(suffix) ? path.substring(1, path.length() - suffix.length()) : "";
        if (!COLLECTION.matcher(collection).matches() || collection.contains("..")) {
            throw new RegistryException("upmuconfig.ini Path must be /<domain>/<name>/" + stream.name() + " [device="
                    + device + ", line=" + stream.line() + ", Path=" + path + "]");
        }
        if (before != null && !before.equals(collection)) {
            throw new RegistryException("upmuconfig.ini Paths of one device must share their folder [device=" + device
                    + ", line=" + stream.line() + ", Path=" + path + ", expected=/" + before + "/" + stream.name()
                    + "]");
        }
        return collection;
    }
}
