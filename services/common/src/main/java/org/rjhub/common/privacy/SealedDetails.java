package org.rjhub.common.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.QueueDetails;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SensitivityFlag;

/**
 * A referral's offence wording and sensitivity flags as a queue item carries them ({@code QueueItem} v6, {@code
 * QueueDetails}), sealed under the referral's data key ({@link DataKeys}, the key that seals the referral on {@code
 * rj.referrals.v1} and its parties on the queues, {@link SealedParties}): the wording (personal) and the flags (special
 * category) are in no queue topic, and nothing a reader keeps of one, in clear, and {@code hub erase} (the key's
 * tombstone) makes them unreadable.
 */
public final class SealedDetails {

    /** The sealed field's name in the associated data: a sealed party's or referral's bytes do not open as details. */
    static final String FIELD = "QueueDetails.sealed";

    private SealedDetails() {}

    /** Whether {@code details} are sealed (carry a data key id). */
    public static boolean isSealed(QueueDetails details) {
        return details.getDataKeyId() != null;
    }

    /** A referral's wording ({@code null} without an offence) and flags sealed under data key {@code keyId}. */
    public static QueueDetails seal(
            DataKeys keys, String keyId, String offenceDescription, List<SensitivityFlag> flags) {
        QueueDetails whole = new QueueDetails(offenceDescription, new ArrayList<>(flags), null, null);
        byte[] plain;
        try {
            plain = SealedParties.bytes(whole.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a queue item's details", e);
        }
        return sealed(keyId, keys.seal(keyId, FIELD, plain));
    }

    /** Details sealed as {@link #seal} makes them, from their key id and sealed bytes. */
    public static QueueDetails sealed(String keyId, byte[] sealed) {
        return new QueueDetails(null, new ArrayList<>(), keyId, ByteBuffer.wrap(sealed));
    }

    /** The sealed bytes of sealed details (a copy); null for details in clear. */
    public static byte[] sealedBytes(QueueDetails details) {
        return details.getSealed() == null
                ? null
                : SealedParties.bytes(details.getSealed().duplicate());
    }

    /**
     * The details in clear: as they are when not sealed; opened with their key when {@code keys} holds it; empty when it
     * does not (erased, or not read yet).
     */
    public static Optional<QueueDetails> open(DataKeys keys, QueueDetails details) {
        if (!isSealed(details)) {
            return Optional.of(details);
        }
        return SealedParties.openField(
                keys, details.getDataKeyId(), FIELD, details.getSealed(), QueueDetails::fromByteBuffer);
    }

    /**
     * {@code item} with its sealed details opened as a router without a master key writes it: the offence's wording
     * from the first details (the referral that gives the offence), the flags the union of the item's and every opened
     * referral's; details whose key is not here stay (sealed), adding nothing, and so does the wording when the first
     * does not open.
     */
    public static QueueItem opened(DataKeys keys, QueueItem item) {
        if (item.getDetails().isEmpty()) {
            return item;
        }
        Set<SensitivityFlag> flags = new TreeSet<>(item.getFlags());
        List<QueueDetails> closed = new ArrayList<>();
        Offence offence = item.getOffence();
        for (int i = 0; i < item.getDetails().size(); i++) {
            QueueDetails sealed = item.getDetails().get(i);
            Optional<QueueDetails> open = open(keys, sealed);
            if (open.isEmpty()) {
                closed.add(sealed);
                continue;
            }
            flags.addAll(open.get().getFlags());
            if (i == 0 && offence != null && open.get().getOffenceDescription() != null) {
                offence = Offence.newBuilder(offence)
                        .setDescription(open.get().getOffenceDescription())
                        .build();
            }
        }
        return QueueItem.newBuilder(item)
                .setOffence(offence)
                .setFlags(new ArrayList<>(flags))
                .setDetails(closed)
                .build();
    }
}
