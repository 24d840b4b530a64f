package org.rjhub.console.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values sealed into cookies with AES-256-GCM: secret (the access token is inside) and tamper-proof, so the console
 * keeps no session store and any instance with the same key serves any request. The cookie's name is bound into the
 * seal (associated data), so one cookie cannot stand in for another.
 */
public final class SealedCookies {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final ObjectMapper json;

    /** @param key 32 bytes */
    public SealedCookies(byte[] key, ObjectMapper json) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the session key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.json = json;
    }

    /** A random key, for a console whose sessions may end when it restarts. */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A random URL-safe token of 32 bytes (CSRF tokens, OAuth state and nonce, PKCE verifiers). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String seal(String name, Object value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(value));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal a cookie", e);
        }
    }

    /** The value sealed under {@code name}; empty when absent, tampered with, sealed by another key or unreadable. */
    public <T> Optional<T> open(String name, String cookie, Class<T> type) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 8192) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(cookie);
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Optional.of(json.readValue(plain, type));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
