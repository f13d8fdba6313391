// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Password hashing (bcrypt, as Mr. Plotter) and API key generation and hashing. API keys carry 256 random bits, so a
 * fast SHA-256 of the key is a safe stored form and lets every request be checked without bcrypt's cost.
 */
final class Secrets {

    static final String KEY_PREFIX = "qss_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BCRYPT_ROUNDS = 10;
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private Secrets() {}

    static String hashPassword(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_ROUNDS, RANDOM));
    }

    /** Whether {@code hash} has the shape of a bcrypt hash: {@code $2a$}, {@code $2b$} or {@code $2y$}, 60 chars. */
    static boolean isBcryptHash(String hash) {
        return hash != null && BCRYPT_HASH.matcher(hash).matches();
    }

    /** Checks a password against a bcrypt hash of any revision ({@code 2a}, {@code 2b}, {@code 2y}). */
    static boolean checkPassword(String password, String hash) {
        if (hash == null || hash.length() < 7 || !hash.startsWith("$2")) {
            return false;
        }
        // 2b and 2y differ from 2a only in bugs of other implementations; jBCrypt reads 2a.
        String normalised = "$2a" + hash.substring(3);
        try {
            return BCrypt.checkpw(password, normalised);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String newKeyId() {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A new key for the id: {@code qss_<id>_<43 characters of base64url>}. */
    static String newKey(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hashKey(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
