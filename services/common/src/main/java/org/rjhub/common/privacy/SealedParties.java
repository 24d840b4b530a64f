package org.rjhub.common.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueParty;

/**
 * A queue item's party ({@code QueueItem} v5) sealed under the data key of the referral it came from ({@link DataKeys},
 * the key that seals the referral on {@code rj.referrals.v1}): the party, in Avro single-object encoding, is encrypted
 * into {@code QueueParty.sealed} and its personal fields are emptied (forename and surname {@code ""}, district null),
 * so that the queue topics, and whatever a reader keeps of them, name no one in clear, and {@code hub erase} (the key's
 * tombstone) leaves only the party's role readable.
 */
public final class SealedParties {

    /** The sealed field's name in the associated data: a sealed referral's bytes do not open as a party. */
    static final String FIELD = "QueueParty.sealed";

    private SealedParties() {}

    /** Whether {@code party} is sealed (carries a data key id). */
    public static boolean isSealed(QueueParty party) {
        return party.getDataKeyId() != null;
    }

    /** {@code clear} sealed under data key {@code keyId}, which {@code keys} holds (made by {@link DataKeys#create}). */
    public static QueueParty seal(DataKeys keys, String keyId, QueueParty clear) {
        QueueParty whole =
                QueueParty.newBuilder(clear).setDataKeyId(null).setSealed(null).build();
        byte[] plain;
        try {
            plain = bytes(whole.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a queue party", e);
        }
        return sealed(clear.getRole(), keyId, keys.seal(keyId, FIELD, plain));
    }

    /** A party sealed as {@link #seal} makes it, from its role, key id and sealed bytes. */
    public static QueueParty sealed(org.rjhub.contracts.hub.PartyRole role, String keyId, byte[] sealed) {
        return new QueueParty(role, "", "", null, keyId, ByteBuffer.wrap(sealed));
    }

    /** The sealed bytes of a sealed party (a copy); null for a party in clear. */
    public static byte[] sealedBytes(QueueParty party) {
        return party.getSealed() == null ? null : bytes(party.getSealed().duplicate());
    }

    /**
     * The party in clear: as it is when it is not sealed; opened with its key when {@code keys} holds it ({@code
     * dataKeyId} and {@code sealed} null); empty when it does not (erased, or not read yet).
     */
    public static Optional<QueueParty> open(DataKeys keys, QueueParty party) {
        if (!isSealed(party)) {
            return Optional.of(party);
        }
        return openField(keys, party.getDataKeyId(), FIELD, party.getSealed(), QueueParty::fromByteBuffer);
    }

    /** How a sealed field's plain bytes (Avro single-object encoding) decode. */
    interface Decoder<T> {
        T decode(ByteBuffer plain) throws IOException;
    }

    /**
     * A field sealed under data key {@code keyId} ({@code sealed}), opened and decoded; empty when there are no sealed
     * bytes or {@code keys} does not hold the key (erased, or not read yet).
     */
    static <T> Optional<T> openField(DataKeys keys, String keyId, String field, ByteBuffer sealed, Decoder<T> decoder) {
        if (sealed == null || !keys.known(keyId)) {
            return Optional.empty();
        }
        return keys.open(keyId, field, bytes(sealed.duplicate())).map(plain -> {
            try {
                return decoder.decode(ByteBuffer.wrap(plain));
            } catch (IOException e) {
                throw new UncheckedIOException(field + " sealed under data key " + keyId + " does not decode", e);
            }
        });
    }

    /** {@code item} with each party {@link #open opened}; a party whose key is not here stays sealed (naming no one). */
    public static QueueItem opened(DataKeys keys, QueueItem item) {
        return QueueItem.newBuilder(item)
                .setParties(item.getParties().stream()
                        .map(p -> open(keys, p).orElse(p))
                        .toList())
                .build();
    }

    /** What is left of {@code buffer}, copied. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
