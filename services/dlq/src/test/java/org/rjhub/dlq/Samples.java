package org.rjhub.dlq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterId;

/** Synthetic records of the agency simulator's sample files, and dead letters and audit records built around them. */
public final class Samples {

    public static final String DLQ_TOPIC = "rj.dead-letters.v1";

    private Samples() {}

    /** The records of an agency's sample file (all synthetic). */
    public static List<? extends SpecificRecord> records(Agency agency) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + agency.fileName())) {
            if (in == null) {
                throw new IllegalStateException("sample " + agency.fileName() + " missing from the classpath");
            }
            return AgencyJson.forAgency(agency).read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dead letter at {@code partition:offset} of the dead-letter topic. */
    public static DeadLetterEntry entry(
            int partition,
            long offset,
            String rule,
            SourceAgency agency,
            String referralId,
            byte[] value,
            Instant failedAt) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setReason("reason of " + rule)
                .setRule(rule)
                .setSourceTopic(agency == null ? "rj.case-events.v1" : topicOf(agency) + ".referrals.v1")
                .setPartition(2)
                .setOffset(100 + offset)
                .setAgency(agency)
                .setAgencyReferralId(referralId)
                .setOriginalKey(
                        referralId == null ? null : ByteBuffer.wrap(referralId.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setFailedAt(failedAt)
                .setExceptionClass("org.rjhub.router.intake.InvalidReferralException")
                .build();
        return new DeadLetterEntry(DLQ_TOPIC, new DeadLetterId(partition, offset), letter);
    }

    public static DeadLetterEntry entry(
            int partition, long offset, String rule, SourceAgency agency, String referralId) {
        return entry(
                partition,
                offset,
                rule,
                agency,
                referralId,
                new byte[] {0, 0, 0, 0, 7, 2, 4, 6},
                Instant.parse("2026-03-01T10:15:30Z"));
    }

    /** An audit record of a replay of {@code entry}. */
    public static DeadLetterReplay replayOf(DeadLetterEntry entry, String operator, boolean edited) {
        return DeadLetterReplay.newBuilder()
                .setReplayId("r-" + entry.id() + "-" + operator)
                .setOperator(operator)
                .setReplayedAt(Instant.parse("2026-03-02T09:00:00Z"))
                .setDeadLetterTopic(entry.topic())
                .setDeadLetterPartition(entry.id().partition())
                .setDeadLetterOffset(entry.id().offset())
                .setRule(entry.letter().getRule())
                .setAgency(entry.letter().getAgency())
                .setAgencyReferralId(entry.letter().getAgencyReferralId())
                .setTargetTopic(entry.letter().getSourceTopic())
                .setTargetPartition(2)
                .setTargetOffset(900)
                .setEdited(edited)
                .setForced(false)
                .build();
    }

    private static String topicOf(SourceAgency agency) {
        return agency == SourceAgency.VICTIM_SUPPORT
                ? "victimsupport"
                : agency.name().toLowerCase(java.util.Locale.ROOT);
    }
}
