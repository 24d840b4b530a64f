package org.rjhub.router.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.errors.DeadLetteringExceptionHandler;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicLimits;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.intake.InvalidReferralException;
import org.rjhub.router.intake.ValidationRule;

/**
 * The router's record handler (deserialization and processing, KIP-1034), which never loses a record: an
 * unreadable or invalid referral becomes a {@link DeadLetter} (reason, rule, provenance, original bytes) and, for
 * agency topics, a {@code REJECTED} outcome telling the agency what to fix; both are written in the same transaction
 * as the task's progress. Retriable failures fail the task so it is retried.
 */
public final class RejectingExceptionHandler extends DeadLetteringExceptionHandler {

    private Serializer<Outcome> outcomes;
    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Override
    protected void prepare() {
        outcomes = serializer(Outcome.class);
    }

    /**
     * An agency topic's own limit: a dead letter keeps a record within the topic's limits whole, and of a larger
     * one only the digest, size and an excerpt, so it stays far under the broker's maximum.
     */
    @Override
    protected int maxOriginalBytes(String topic) {
        SourceAgency agency = agencyOfTopic(topic);
        return agency == null
                ? super.maxOriginalBytes(topic)
                : catalogue
                        .get(org.rjhub.agencies.Agency.of(agency).topic())
                        .limits()
                        .map(TopicLimits::maxRecordBytes)
                        .orElse(super.maxOriginalBytes(topic));
    }

    @Override
    protected Verdict unreadable(Exception failure) {
        return new Verdict(
                ValidationRule.UNREADABLE_RECORD.name(),
                "the record could not be read with the topic's schema: " + ValidationRule.UNREADABLE_RECORD.fix());
    }

    /** Referrals the validation refused. */
    @Override
    protected Verdict refusal(Exception failure) {
        return failure instanceof InvalidReferralException invalid
                ? new Verdict(invalid.rule().name(), failure.getMessage(), invalid.agencyReferralId())
                : null;
    }

    @Override
    protected Verdict internalError(Exception failure) {
        return new Verdict(
                ValidationRule.INTERNAL_ERROR.name(),
                "processing failed: " + failure.getClass().getSimpleName());
    }

    @Override
    protected DeadLetter.Builder deadLetter(ErrorHandlerContext context, Exception failure, Verdict verdict) {
        return super.deadLetter(context, failure, verdict)
                .setAgency(agencyOfTopic(context.topic()))
                .setAgencyReferralId(agencyReferralId(context, verdict));
    }

    /**
     * A REJECTED outcome to the agency of the topic, unless the hub itself failed; keyed by the referral id (the
     * one inside the record when its key is missing or wrong). A record with no usable id at all is answered with
     * an empty referral id and, in the reason, where it was read, so the agency can still find it.
     */
    @Override
    protected List<ProducerRecord<byte[], byte[]>> answers(
            ErrorHandlerContext context, Record<?, ?> record, Verdict verdict) {
        SourceAgency agency = agencyOfTopic(context.topic());
        if (agency == null || verdict.rule().equals(ValidationRule.INTERNAL_ERROR.name())) {
            return List.of();
        }
        String id = agencyReferralId(context, verdict);
        String reason = id != null
                ? verdict.reason()
                : verdict.reason() + " (record at " + context.topic() + " partition " + context.partition() + " offset "
                        + context.offset() + ")";
        String topic = topic(org.rjhub.agencies.Agency.of(agency).outcomesTopic());
        Outcome rejected = Acknowledgements.outcome(
                OutcomeType.REJECTED, agency, id == null ? "" : id, null, reason, failedAt(context));
        byte[] key = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        return List.of(new ProducerRecord<>(topic, key, outcomes.serialize(topic, rejected)));
    }

    /**
     * The referral id a rejection is about: the one the record itself names when its key is missing or differs,
     * else the key; {@code null} when there is none or it is longer than the topic allows.
     */
    private String agencyReferralId(ErrorHandlerContext context, Verdict verdict) {
        String id = verdict.subject() != null
                ? verdict.subject()
                : context.sourceRawKey() == null ? null : new String(context.sourceRawKey(), StandardCharsets.UTF_8);
        SourceAgency agency = agencyOfTopic(context.topic());
        int maxKey = agency == null
                ? 0
                : catalogue
                        .get(org.rjhub.agencies.Agency.of(agency).topic())
                        .limits()
                        .map(TopicLimits::maxKeyBytes)
                        .orElse(0);
        return id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > maxKey ? null : id;
    }

    private SourceAgency agencyOfTopic(String topic) {
        String prefix = topicPrefix();
        String name =
                topic != null && topic.startsWith(prefix) ? topic.substring(prefix.length()) : String.valueOf(topic);
        for (SourceAgency a : SourceAgency.values()) {
            if (name.equals(org.rjhub.agencies.Agency.of(a).topic())) {
                return a;
            }
        }
        return null;
    }
}
