package org.rjhub.common.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The key that encrypts every data key: a Tink AEAD. Locally a key file (a Tink JSON keyset, owner-only, made by
 * {@link #createIfMissing}); in production a KMS key named by its Tink URI ({@code aws-kms://...},
 * {@code gcp-kms://...}), through the {@link KmsClients} a deployment registers (Tink's {@code tink-awskms} or
 * {@code tink-gcpkms} on the classpath), so that the master key never leaves the KMS.
 */
public final class MasterKey {

    /** The setting naming it, in a service's typed config and in the tools' connection. */
    public static final String SETTING = "rj.master.key";
    /** The environment variable naming it, shared by the services and the CLI. */
    public static final String ENV = "RJ_MASTER_KEY";

    private final Aead aead;
    /** A key file's keyset (its key material derives {@link #derivedSecret}s); null for a KMS key. */
    private final KeysetHandle keyset;

    private MasterKey(Aead aead, KeysetHandle keyset) {
        this.aead = aead;
        this.keyset = keyset;
    }

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
    }

    /**
     * The master key a setting names: {@code file:/path} or a plain path is a key file; a URI with a scheme a
     * registered {@link KmsClients} client supports is a KMS key.
     */
    public static MasterKey of(String location) {
        try {
            if (location.contains("-kms://")) {
                return new MasterKey(KmsClients.get(location).getAead(location), null);
            }
            Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            KeysetHandle handle =
                    TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            return new MasterKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file named by " + SETTING, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master key named by " + SETTING + " is not usable", e);
        }
    }

    /** A new AES-256-GCM master key in {@code file} (owner-only) unless the file exists; the file. */
    public static Path createIfMissing(Path file) {
        if (Files.exists(file)) {
            return file;
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".master-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: its own access control applies
            }
            Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a master key", e);
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
     * be recomputed from guesses. A KMS key never leaves the KMS, so it derives nothing: refused.
     */
    public byte[] derivedSecret(String purpose) {
        if (keyset == null) {
            throw new IllegalStateException(
                    "a KMS master key derives no secret: " + purpose + " needs the master key as a key file");
        }
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
