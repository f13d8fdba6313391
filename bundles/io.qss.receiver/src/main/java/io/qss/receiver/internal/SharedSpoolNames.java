// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Spool files to names of the shared spool's objects and back: {@code <serial>/<spool path>}, each byte outside
 * {@code [A-Za-z0-9.-/]} (the '_' too, as the escape) written as {@code _} and two hex digits, because store volumes
 * take object names of letters, digits and {@code .-_/} only. A name never ends in {@code .tmp} (that '.' is escaped
 * too): the file backend replaces an object through {@code <name>.tmp}, and such a leftover of a crash must not read
 * as a spooled file. Stateless.
 */
final class SharedSpoolNames {

    private static final String BACKEND_TEMPORARY = ".tmp";

    private SharedSpoolNames() {}

    /** The object name of {@code spoolPath} of {@code serial} (both already checked by {@link SpoolPaths}). */
    static String objectName(String serial, String spoolPath) {
        String name = escape(serial) + "/" + escape(spoolPath);
        if (name.endsWith(BACKEND_TEMPORARY)) {
            int dot = name.length() - BACKEND_TEMPORARY.length();
            name = name.substring(0, dot) + "_2e" + name.substring(dot + 1);
        }
        return name;
    }

    /** The serial and spool path an object name stands for; empty for a name this class did not make. */
    static Optional<SharedName> parse(String objectName) {
        int slash = objectName.indexOf('/');
        if (slash <= 0 || slash == objectName.length() - 1 || objectName.endsWith(BACKEND_TEMPORARY)) {
            return Optional.empty();
        }
        try {
            String serial = unescape(objectName.substring(0, slash));
            String spoolPath = unescape(objectName.substring(slash + 1));
            // only the one spelling this class writes: a name that escapes what it need not is someone else's
            return objectName(serial, spoolPath).equals(objectName)
                    ? Optional.of(new SharedName(objectName, serial, spoolPath))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (isKept(b)) {
                out.append((char) b);
            } else {
                out.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("escape cut short");
                }
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80 && isKept((byte) c)) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("not an escaped name");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isKept(byte b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '.'
                || b == '-'
                || b == '/';
    }

    /**
     * One object of the shared spool.
     *
     * @param objectName its name in the volume
     * @param serial the device's serial
     * @param spoolPath the file's path below the device's spool directory
     */
    record SharedName(String objectName, String serial, String spoolPath) {}
}
