// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import io.qss.auth.DocumentSeal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link DocumentSeal} by HMAC-SHA-256 over a canonical encoding: a version label, the collection, the identity,
 * then each field as a type byte and a length-prefixed UTF-8 value (collections as their count and their sorted,
 * distinct elements). Length prefixes keep {@code ("ab","c")} apart from {@code ("a","bc")}. Plain Java; thread-safe.
 */
final class HmacSeal implements DocumentSeal {

    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "qss-seal-1";

    private final SecretKeySpec key;
    /** Mac instances are not thread-safe, and creating one per check costs more than the check. */
    private final ThreadLocal<Mac> macs;

    HmacSeal(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("seal key must be 256 bits [bytes=" + key.length + "]");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public String seal(String collection, String id, List<?> fields) {
        Mac mac = macs.get();
        return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(canonical(collection, id, fields)));
    }

    @Override
    public boolean isSealed(String collection, String id, List<?> fields, String seal) {
        if (seal == null || seal.isEmpty()) {
            return false;
        }
        byte[] expected = seal(collection, id, fields).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, seal.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] canonical(String collection, String id, List<?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        putString(out, VERSION);
        putString(out, collection);
        putString(out, id);
        putInt(out, fields.size());
        for (Object field : fields) {
            putField(out, field);
        }
        return out.toByteArray();
    }

    private static void putField(ByteArrayOutputStream out, Object field) {
        if (field == null) {
            out.write('N');
        } else if (field instanceof String text) {
            out.write('S');
            putString(out, text);
        } else if (field instanceof Boolean flag) {
            out.write(flag ? 'T' : 'F');
        } else if (field instanceof Collection<?> values) {
            TreeSet<String> sorted = new TreeSet<>();
            values.forEach(v -> sorted.add(String.valueOf(v)));
            out.write('L');
            putInt(out, sorted.size());
            sorted.forEach(v -> putString(out, v));
        } else {
            throw new IllegalArgumentException(
                    "field type cannot be sealed [type=" + field.getClass().getName() + "]");
        }
    }

    private static void putString(ByteArrayOutputStream out, String text) {
        byte[] bytes = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        putInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void putInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable in the JVM", e);
        }
    }
}
