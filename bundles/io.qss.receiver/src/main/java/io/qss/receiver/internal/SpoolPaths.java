// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks serials and device paths and maps a device path to its place in the spool. Stateless.
 *
 * <p>A device sends the full path of the file on its own disk ({@code /root/upmu_data/2016/09/19/14/x.dat}): the
 * leading '/' is dropped and the rest kept, so the spool mirrors the device's tree. Empty and '.' segments are
 * dropped too. Refused, with the reason: bytes that are not UTF-8, control characters, backslashes, '..' segments
 * and hidden segments (names starting with '.' are the spool's own). A segment longer than
 * {@link #MAX_NAME_BYTES} is shortened to a prefix, '~', 16 hex digits of its SHA-256 and its extension, so the same
 * device path always lands on the same file whatever the file system's name limit.
 */
final class SpoolPaths {

    /** Longest segment kept as is: the smallest common Linux name limit (eCryptfs; ext4 allows 255). */
    static final int MAX_NAME_BYTES = 143;

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final int SHORTENED_BYTES = 128;
    private static final int MAX_EXTENSION_BYTES = 16;
    private static final int HASH_HEX_DIGITS = 16;

    private SpoolPaths() {}

    /** The serial, if it is a safe directory name. */
    static String serial(String serial) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("serial rejected: not a safe name [serial=" + printable(serial)
                    + ", allowed=" + SERIAL.pattern() + "]");
        }
        return serial;
    }

    /** The serial from its raw bytes, if they are UTF-8 and a safe directory name. */
    static String serial(byte[] raw) {
        return serial(utf8(raw, "serial"));
    }

    /** Where the device path given as raw bytes goes; refuses bytes that are not UTF-8. */
    static SpoolName map(byte[] raw) {
        return map(utf8(raw, "file path"));
    }

    /** Where {@code devicePath} goes. */
    static SpoolName map(String devicePath) {
        if (devicePath == null || devicePath.isEmpty()) {
            throw new IllegalArgumentException("file path rejected: empty");
        }
        for (int i = 0; i < devicePath.length(); i++) {
            char c = devicePath.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException(
                        "file path rejected: control character or backslash [path=" + printable(devicePath) + "]");
            }
        }
        List<String> kept = new ArrayList<>();
        boolean isShortened = false;
        for (String segment : devicePath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException(
                        "file path rejected: '..' segment [path=" + printable(devicePath) + "]");
            }
            if (segment.startsWith(".")) {
                throw new IllegalArgumentException(
                        "file path rejected: hidden segment [path=" + printable(devicePath) + "]");
            }
            String name = shortened(segment);
            isShortened |= !name.equals(segment);
            kept.add(name);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("file path rejected: no file name [path=" + printable(devicePath) + "]");
        }
        return new SpoolName(devicePath, String.join("/", kept), isShortened);
    }

    /** {@code segment}, or when too long for a file name: a prefix, '~', its hash and its extension. */
    static String shortened(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_NAME_BYTES) {
            return segment;
        }
        int dot = segment.lastIndexOf('.');
        String extension = dot > 0
                        && segment.length() - dot <= MAX_EXTENSION_BYTES
                        && StandardCharsets.US_ASCII.newEncoder().canEncode(segment.substring(dot))
                ? segment.substring(dot)
                : "";
        String suffix = "~" + HexFormat.of().formatHex(sha256(bytes), 0, HASH_HEX_DIGITS / 2) + extension;
        return prefix(segment, SHORTENED_BYTES - suffix.length()) + suffix;
    }

    /** The longest prefix of {@code s} that takes at most {@code maxBytes} in UTF-8 and splits no character. */
    private static String prefix(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static String utf8(byte[] raw, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    what + " rejected: not UTF-8 [" + what.replace(' ', '_') + "=" + escaped(raw) + "]", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /**
     * What a device sent, for the log and {@code upmu:lastreceived}: UTF-8 text with control characters and
     * backslashes as {@code \xNN}; other bytes, {@link #escaped}.
     */
    static String displayable(byte[] raw) {
        String text;
        try {
            text = utf8(raw, "text");
        } catch (IllegalArgumentException e) {
            return escaped(raw);
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == '\\') {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** Printable ASCII as is, every other byte as {@code \xNN}: shows exactly what a device sent. */
    static String escaped(byte[] raw) {
        StringBuilder out = new StringBuilder(raw.length);
        for (byte b : raw) {
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String printable(String s) {
        return s == null ? "null" : s.replaceAll("[\\p{Cntrl}]", "?");
    }
}
