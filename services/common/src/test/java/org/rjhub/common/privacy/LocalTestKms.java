package org.rjhub.common.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A KMS for tests, with no cloud: URIs {@value #PREFIX}{@code <name>}, each name a key-encryption key of its own (an
 * AES-256-GCM keyset made on first use, held in this process only), as a real KMS holds its keys.
 */
public final class LocalTestKms implements KmsClient {

    public static final String PREFIX = "rj-test-kms://";

    private static final LocalTestKms INSTANCE = new LocalTestKms();
    private static volatile boolean registered;

    private final Map<String, Aead> keys = new ConcurrentHashMap<>();

    private LocalTestKms() {}

    /** The URI of key {@code name}, with this KMS registered in Tink's {@link KmsClients}. */
    public static synchronized String keyUri(String name) {
        if (!registered) {
            KmsClients.add(INSTANCE);
            registered = true;
        }
        return PREFIX + name;
    }

    @Override
    public boolean doesSupport(String keyUri) {
        return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
        return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
        if (!doesSupport(keyUri)) {
            throw new GeneralSecurityException("not a key of this KMS");
        }
        try {
            return keys.computeIfAbsent(keyUri, uri -> newKey());
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Aead newKey() {
        try {
            AeadConfig.register();
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
