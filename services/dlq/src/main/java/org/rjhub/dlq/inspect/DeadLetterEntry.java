package org.rjhub.dlq.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.rjhub.contracts.hub.DeadLetter;

/**
 * A dead letter and where it is on the dead-letter topic.
 *
 * @param topic  the dead-letter topic (with any prefix)
 * @param id     its partition and offset there
 * @param letter the dead letter
 */
public record DeadLetterEntry(String topic, DeadLetterId id, DeadLetter letter) {

    public DeadLetterEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(letter, "letter");
    }

    /** The original record's key bytes, if it had a key. */
    public Optional<byte[]> originalKey() {
        return bytes(letter.getOriginalKey());
    }

    /** The original record's value bytes, exactly as the agency published them. */
    public Optional<byte[]> originalValue() {
        return bytes(letter.getOriginalValue());
    }

    /** The agency's referral id: the dead letter's, else the original key as text. */
    public Optional<String> referralId() {
        if (letter.getAgencyReferralId() != null) {
            return Optional.of(letter.getAgencyReferralId());
        }
        return originalKey().map(k -> new String(k, StandardCharsets.UTF_8));
    }

    /** {@code topic/partition/offset}: the dead letter's identity across topics, the audit's key. */
    public String coordinates() {
        return topic + "/" + id.partition() + "/" + id.offset();
    }

    private static Optional<byte[]> bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return Optional.empty();
        }
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return Optional.of(out);
    }
}
