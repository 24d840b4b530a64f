package org.rjhub.common.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ServiceLoader;

/**
 * The key that encrypts every data key: a Tink AEAD keyset (AES-256-GCM) in a key file. Locally the file holds the
 * keyset in clear (a Tink JSON keyset, owner-only, made by {@link #createIfMissing}). With a KMS the file holds it
 * encrypted under a KMS key-encryption key (Tink's envelope encryption of a keyset, made by {@link #createEncrypted}),
 * named by its Tink URI ({@code aws-kms://...}, {@code gcp-kms://...}) in {@value #KMS_SETTING}: the keyset is then in
 * clear only in memory, and a stolen file opens nothing without the KMS. Either way the keyset's key material
 * derives the same {@link #derivedSecret}s.
 *
 * <p>The KMS is reached through Tink's {@link KmsClients}: a client a deployment registered with
 * {@link KmsClients#add}, else the first {@link KmsClient} on the class path ({@link ServiceLoader}) that supports the
 * URI: Tink's {@code tink-awskms} or {@code tink-gcpkms} declare theirs so, and adding one of them to the runtime class
 * path is all a deployment does (they are left out of the build: each brings a whole cloud SDK).
 */
public final class MasterKey {

    /** The setting naming the key file, in a service's typed config and in the tools' connection. */
    public static final String SETTING = "rj.master.key";
    /** The environment variable naming the key file, shared by the services and the CLI. */
    public static final String ENV = "RJ_MASTER_KEY";
    /** The setting naming the KMS key that encrypts the key file; empty: the key file is in clear. */
    public static final String KMS_SETTING = "rj.master.key.kms";
    /** The environment variable of {@value #KMS_SETTING}, shared by the services and the CLI. */
    public static final String KMS_ENV = "RJ_MASTER_KEY_KMS";

    /** What an encrypted key file's ciphertext is bound to: it opens as nothing else. */
    private static final byte[] ASSOCIATED_DATA = "rj-hub master keyset".getBytes(StandardCharsets.UTF_8);

    private final Aead aead;
    /** The keyset: its key material derives {@link #derivedSecret}s. */
    private final KeysetHandle keyset;

    private MasterKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.keyset = keyset;
    }

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
    }

    /** The master key of a key file in clear: {@code file:/path} or a plain path. */
    public static MasterKey of(String location) {
        return of(location, "");
    }

    /**
     * The master key of a key file ({@code file:/path} or a plain path), encrypted under the KMS key {@code kmsUri}
     * unless that is null or blank (then the file is in clear).
     */
    public static MasterKey of(String location, String kmsUri) {
        if (location.contains("-kms://")) {
            throw new IllegalArgumentException(SETTING + " names the master key file; a KMS key (" + kmsScheme(location)
                    + ") goes in " + KMS_SETTING + " (" + KMS_ENV + "), with " + SETTING
                    + " the key file it encrypts (made by hub keys create-master --kms)");
        }
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file named by " + SETTING, e);
        }
        boolean encrypted = kmsUri != null && !kmsUri.isBlank();
        try {
            return new MasterKey(
                    encrypted
                            ? TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                                    text, kmsAead(kmsUri.trim()), ASSOCIATED_DATA)
                            : TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    encrypted
                            ? "the master key file named by " + SETTING + " does not open under the KMS key of "
                                    + KMS_SETTING + " (another key, or not an encrypted key file)"
                            : "the master key file named by " + SETTING + " is not usable (encrypted? then "
                                    + KMS_SETTING + " must name its KMS key)",
                    e);
        }
    }

    /** A new AES-256-GCM master key in {@code file} (owner-only) unless the file exists; the file. */
    public static Path createIfMissing(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(file, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a master key", e);
        }
    }

    /**
     * A new AES-256-GCM master key in {@code file} (owner-only), encrypted under the KMS key {@code kmsUri}: the file
     * holds no key material in clear. Refuses a file that exists (it would lose the key that wraps the data keys).
     */
    public static Path createEncrypted(Path file, String kmsUri) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists: a master key file is never overwritten");
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, kmsAead(kmsUri), ASSOCIATED_DATA));
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a master key encrypted under " + kmsScheme(kmsUri), e);
        }
    }

    /** The AEAD of a KMS key: through a registered {@link KmsClients} client, else one on the class path. */
    static Aead kmsAead(String kmsUri) throws GeneralSecurityException {
        KmsClient client;
        try {
            client = KmsClients.get(kmsUri);
        } catch (GeneralSecurityException notRegistered) {
            client = ServiceLoader.load(KmsClient.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(c -> c.doesSupport(kmsUri))
                    .findFirst()
                    .orElseThrow(() -> new GeneralSecurityException("no KMS client for " + kmsScheme(kmsUri)
                            + " URIs: add Tink's tink-awskms or tink-gcpkms to the class path, or register one"));
            client.withDefaultCredentials();
            KmsClients.add(client);
        }
        return client.getAead(kmsUri);
    }

    /** The scheme of a KMS URI, for messages (the rest names the key: not logged). */
    private static String kmsScheme(String kmsUri) {
        int end = kmsUri.indexOf("://");
        return end < 0 ? "a URI without a scheme" : kmsUri.substring(0, end + 3);
    }

    private static void write(Path file, String keyset) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".master-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: its own access control applies
            }
            Files.writeString(tmp, keyset);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    Aead aead() {
        return aead;
    }

    /**
     * A 32-byte secret for {@code purpose} derived from the key file's first AES-GCM key (a keyset keeps its keys in the order
     * they were added, so adding a key to it changes nothing): HMAC-SHA256 of the purpose under the key's material. The same key file gives the
     * same secret in every process, so services can pseudonymise a value alike (e.g. the router's blocking keys)
     * without a key of their own to distribute; without the key file (a stolen store or topic) the pseudonyms cannot
     * be recomputed from guesses. A key file encrypted under a KMS key derives the same secret as the same keyset in
     * clear.
     */
    public byte[] derivedSecret(String purpose) {
        try {
            com.google.crypto.tink.aead.AesGcmKey first = null;
            for (int i = keyset.size() - 1; i >= 0; i--) {
                if (keyset.getAt(i).getKey() instanceof com.google.crypto.tink.aead.AesGcmKey k) {
                    first = k;
                }
            }
            if (first == null) {
                throw new IllegalStateException("the master key file holds no AES-GCM key to derive " + purpose);
            }
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    first.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get()), "HmacSHA256"));
            return mac.doFinal(("rj-hub derived secret/" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive " + purpose + " from the master key", e);
        }
    }
}
