package org.rjhub.reporting.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The versioned pseudonymisation keys of the facts service, as kept in its key file:
 * {@code {"current": 2, "keys": {"1": "<base64>", "2": "<base64>"}}}. Facts are published under the current
 * version; version 1 is also the service's internal key (its stores and internal topics are keyed by version-1
 * pseudonyms), so it stays in the file for good. A key is at least {@link Pseudonymiser#MIN_SECRET_BYTES} bytes. No
 * method shows a key: {@link #toString()} names the versions only.
 */
public final class PseudonymKeys {

    /** Bytes of a key made by {@link #rotated}: 48, as {@code openssl rand -base64 48}. */
    public static final int NEW_KEY_BYTES = 48;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int current;
    private final NavigableMap<Integer, byte[]> keys;

    private PseudonymKeys(int current, NavigableMap<Integer, byte[]> keys) {
        if (keys.isEmpty() || keys.firstKey() != 1) {
            throw new IllegalArgumentException("the pseudonymisation keys must hold version 1 (the internal key)");
        }
        if (!keys.containsKey(current)) {
            throw new IllegalArgumentException("the current pseudonymisation key version " + current
                    + " is not among the versions " + keys.keySet());
        }
        for (var e : keys.entrySet()) {
            if (e.getValue().length < Pseudonymiser.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("pseudonymisation key version " + e.getKey() + " is shorter than "
                        + Pseudonymiser.MIN_SECRET_BYTES + " bytes");
            }
        }
        this.current = current;
        this.keys = keys;
    }

    /**
     * The one environment secret of before key versions ({@code RJ_REPORTING_HMAC_KEY}) as version 1, current: its
     * UTF-8 bytes are the key, exactly as they always were, so nothing published before changes.
     */
    public static PseudonymKeys ofLegacySecret(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < Pseudonymiser.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the reporting HMAC secret must be at least "
                    + Pseudonymiser.MIN_SECRET_BYTES
                    + " bytes (set RJ_REPORTING_HMAC_KEY, e.g. to the output of `openssl rand -base64 48`)");
        }
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        keys.put(1, secret.getBytes(StandardCharsets.UTF_8));
        return new PseudonymKeys(1, keys);
    }

    /** A first key file's content: version 1 alone, a fresh random key. */
    public static PseudonymKeys generate(SecureRandom random) {
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        keys.put(1, randomKey(random));
        return new PseudonymKeys(1, keys);
    }

    /** These keys and one more version, a fresh random key, made current. */
    public PseudonymKeys rotated(SecureRandom random) {
        NavigableMap<Integer, byte[]> next = new TreeMap<>(keys);
        int version = keys.lastKey() + 1;
        next.put(version, randomKey(random));
        return new PseudonymKeys(version, next);
    }

    /**
     * Reads a key file.
     *
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException when it is not a key file (the message names no key)
     */
    public static PseudonymKeys load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a pseudonymisation key file (JSON expected)");
        }
        if (root == null
                || !root.path("current").canConvertToInt()
                || !root.path("keys").isObject()) {
            throw new IllegalArgumentException(
                    file + " is not a pseudonymisation key file: {\"current\": N, \"keys\": {\"1\": \"<base64>\"}}");
        }
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("keys").properties()) {
            int version;
            try {
                version = Integer.parseInt(e.getKey());
                keys.put(version, Base64.getDecoder().decode(e.getValue().asText()));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(
                        file + ": key \"" + e.getKey() + "\" needs a whole-number version and a Base64 value");
            }
        }
        return new PseudonymKeys(root.get("current").asInt(), keys);
    }

    /**
     * Writes the key file readable and writable by its owner only (POSIX {@code rw-------}): a new file beside it,
     * then moved over it atomically, so a reader never sees half a file.
     */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("current", current);
        ObjectNode out = root.putObject("keys");
        keys.forEach((v, k) -> out.put(String.valueOf(v), Base64.getEncoder().encodeToString(k)));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp =
                Files.createTempFile(dir, ".pseudonym-keys", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates a key file with a fresh version 1 when {@code file} does not exist; leaves an existing one alone.
     *
     * @return whether it created one
     */
    public static boolean createIfMissing(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            generate(random).write(file);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** The version facts are published under. */
    public int current() {
        return current;
    }

    /** The versions held, oldest first. */
    public java.util.Set<Integer> versions() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** The key of {@code version} (a copy), for {@link Pseudonymiser} only. */
    byte[] key(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new IllegalArgumentException("no pseudonymisation key version " + version);
        }
        return key.clone();
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[NEW_KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    @Override
    public String toString() {
        return "PseudonymKeys[current " + current + ", versions " + keys.keySet() + ", keys hidden]";
    }
}
