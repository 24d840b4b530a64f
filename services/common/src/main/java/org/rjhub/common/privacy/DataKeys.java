package org.rjhub.common.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rjhub.contracts.hub.DeadLetter;

/**
 * Crypto-shredding: personal data in the hub's own copies is sealed (AES-256-GCM, Tink) under a data key of the
 * person's or referral's <em>subject</em>, and each data key is kept on {@code rj.data-keys.v1} only as a keyset
 * encrypted by the {@link MasterKey}, keyed by its id, {@code <subject>/<random>}. Destroying a subject's keys (a
 * tombstone per id: {@code hub erase}) makes every copy sealed under them unreadable, backups and topics kept for
 * ever included.
 *
 * <p>Subjects: {@code <SourceAgency>:<agency referral id>} for a referral ({@link #referralSubject}); {@code
 * record:<topic>/<partition>/<offset>} for a record that names none; {@code case:<case id>} for what is written about a
 * hub case as a whole ({@link #caseSubject}). The associated data of a sealed value is its
 * key id and its field's name, so a ciphertext cannot be passed off as another field's or another subject's.
 */
public final class DataKeys {

    private final MasterKey master;
    private final Map<String, Aead> opened = new ConcurrentHashMap<>();

    public DataKeys(MasterKey master) {
        this.master = Objects.requireNonNull(master, "master");
    }

    /** A new data key: its id, and its keyset encrypted by the master key (the value on the key topic). */
    public record DataKey(String id, byte[] wrapped) {}

    /** The subject of an agency's referral, e.g. {@code POLICE:PR-2026-000123}. */
    public static String referralSubject(String sourceAgency, String agencyReferralId) {
        return sourceAgency + ":" + agencyReferralId;
    }

    /**
     * The subject of a hub case, e.g. {@code case:C-2026-000042}: what the case service writes about the case as a whole
     * (its notes) is sealed under keys of this subject, which {@code hub erase} of any referral of the case destroys.
     */
    public static String caseSubject(String caseId) {
        return "case:" + caseId;
    }

    /** The subject of a record that names no referral, by where it was read. */
    public static String recordSubject(String topic, int partition, long offset) {
        return "record:" + topic + "/" + partition + "/" + offset;
    }

    /** The subject a key id belongs to. */
    public static String subjectOf(String keyId) {
        int slash = keyId.lastIndexOf('/');
        return slash < 0 ? keyId : keyId.substring(0, slash);
    }

    /** A fresh data key for {@code subject}. */
    public DataKey create(String subject) {
        String id = subject + "/" + UUID.randomUUID();
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master.aead(), bytes(id));
            opened.put(id, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
            return new DataKey(id, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a data key", e);
        }
    }

    /** Makes a key read from the key topic usable by {@link #open}; a key that does not unwrap is refused. */
    public void add(String id, byte[] wrapped) {
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(), bytes(id));
            opened.put(id, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key " + id + " does not unwrap with the master key", e);
        }
    }

    /**
     * Applies one record of the key topic, read in order: a key ({@link #add}), or a tombstone ({@code null}: the key
     * erased, {@link #remove}).
     */
    public void apply(byte[] id, byte[] wrappedOrTombstone) {
        String keyId = new String(id, StandardCharsets.UTF_8);
        if (wrappedOrTombstone == null) {
            remove(keyId);
        } else {
            add(keyId, wrappedOrTombstone);
        }
    }

    /** Whether key {@code id} is usable here (made or added, not removed). */
    public boolean known(String id) {
        return opened.containsKey(id);
    }

    /** The ids of the keys known, e.g. to find a subject's. */
    public java.util.Set<String> ids() {
        return java.util.Set.copyOf(opened.keySet());
    }

    /**
     * A dead letter with its original key and value in clear: as it is when not sealed; with neither when its key is
     * erased (its {@code dataKeyId} kept, so that {@link #erased} tells).
     */
    public DeadLetter open(DeadLetter letter) {
        String id = letter.getDataKeyId();
        if (id == null) {
            return letter;
        }
        DeadLetter copy = DeadLetter.newBuilder(letter).build();
        copy.setOriginalKey(opened(id, "originalKey", letter.getOriginalKey()));
        copy.setOriginalValue(opened(id, "originalValue", letter.getOriginalValue()));
        return copy;
    }

    /** Whether a dead letter is sealed under a key that is not known (erased, or the key topic not read). */
    public boolean erased(DeadLetter letter) {
        return letter.getDataKeyId() != null && !opened.containsKey(letter.getDataKeyId());
    }

    private ByteBuffer opened(String id, String field, ByteBuffer sealed) {
        if (sealed == null) {
            return null;
        }
        byte[] bytes = new byte[sealed.remaining()];
        sealed.duplicate().get(bytes);
        return open(id, field, bytes).map(ByteBuffer::wrap).orElse(null);
    }

    /** Forgets a key (its tombstone was read). */
    public void remove(String id) {
        opened.remove(id);
    }

    /** Seals {@code field}'s bytes under key {@code id} (made by {@link #create} or {@link #add}ed). */
    public byte[] seal(String id, String field, byte[] plain) {
        Aead aead = opened.get(id);
        if (aead == null) {
            throw new IllegalStateException("no data key " + id);
        }
        try {
            return aead.encrypt(plain, associatedData(id, field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with data key " + id, e);
        }
    }

    /** {@code field}'s bytes in clear, or empty when the key is not known (erased, or never read). */
    public Optional<byte[]> open(String id, String field, byte[] sealed) {
        Aead aead = opened.get(id);
        if (aead == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(aead.decrypt(sealed, associatedData(id, field)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed " + field + " does not open with data key " + id, e);
        }
    }

    private static byte[] associatedData(String id, String field) {
        return bytes(id + "#" + field);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
