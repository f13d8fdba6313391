// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.util.regex.Pattern;

/** Checks serials and device paths before they become file names. Stateless. */
final class SpoolPaths {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    private SpoolPaths() {
    }

    /** The serial, if it is a safe directory name. */
    static String serial(String serial) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("serial rejected: not a safe name [serial=" + printable(serial)
                    + ", allowed=" + SERIAL.pattern() + "]");
        }
        return serial;
    }

    /** The device path, if it is relative and stays inside the device directory. */
    static String path(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("file path rejected: empty");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("file path rejected: absolute [path=" + printable(path) + "]");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("file path rejected: control character or backslash [path="
                        + printable(path) + "]");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("file path rejected: empty, '.' or '..' segment [path="
                        + printable(path) + "]");
            }
            if (segment.startsWith(".")) {
                throw new IllegalArgumentException("file path rejected: hidden segment [path=" + printable(path)
                        + "]");
            }
        }
        return path;
    }

    private static String printable(String s) {
        return s == null ? "null" : s.replaceAll("[\\p{Cntrl}]", "?");
    }
}
