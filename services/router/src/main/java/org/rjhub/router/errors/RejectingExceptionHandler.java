package org.rjhub.router.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.common.errors.DeadLetteringExceptionHandler;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.RouterTopics;
import org.rjhub.router.intake.InvalidReferralException;
import org.rjhub.router.intake.ValidationRule;
import org.rjhub.agencies.outcomes.Acknowledgements;

/**
 * The router's record handler (deserialization and processing, KIP-1034), which never loses a record: an
 * unreadable or invalid referral becomes a {@link DeadLetter} (reason, rule, provenance, original bytes) and, for
 * agency topics, a {@code REJECTED} outcome telling the agency what to fix; both are written in the same transaction
 * as the task's progress. Retriable failures fail the task so it is retried.
 */
public final class RejectingExceptionHandler extends DeadLetteringExceptionHandler {

    private Serializer<Outcome> outcomes;

    @Override
    protected void prepare() {
        outcomes = serializer(Outcome.class);
    }

    @Override
    protected Verdict unreadable(Exception failure) {
        return new Verdict(ValidationRule.UNREADABLE_RECORD.name(),
                "the record could not be read with the topic's schema: " + ValidationRule.UNREADABLE_RECORD.fix());
    }

    /** Referrals the validation refused. */
    @Override
    protected Verdict refusal(Exception failure) {
        return failure instanceof InvalidReferralException invalid
                ? new Verdict(invalid.rule().name(), failure.getMessage()) : null;
    }

    @Override
    protected Verdict internalError(Exception failure) {
        return new Verdict(ValidationRule.INTERNAL_ERROR.name(),
                "processing failed: " + failure.getClass().getSimpleName());
    }

    @Override
    protected DeadLetter.Builder deadLetter(ErrorHandlerContext context, Exception failure, Verdict verdict) {
        return super.deadLetter(context, failure, verdict)
                .setAgency(agencyOfTopic(context.topic())).setAgencyReferralId(agencyReferralId(context));
    }

    /** A REJECTED outcome to the agency of the topic, unless the hub itself failed. */
    @Override
    protected List<ProducerRecord<byte[], byte[]>> answers(ErrorHandlerContext context, Record<?, ?> record,
                                                           Verdict verdict) {
        SourceAgency agency = agencyOfTopic(context.topic());
        String key = agencyReferralId(context);
        if (agency == null || key == null || verdict.rule().equals(ValidationRule.INTERNAL_ERROR.name())) {
            return List.of();
        }
        String topic = topic(org.rjhub.agencies.Agency.of(agency).outcomesTopic());
        Outcome rejected = Acknowledgements.outcome(OutcomeType.REJECTED, agency, key, null, verdict.reason(),
                failedAt(context));
        return List.of(new ProducerRecord<>(topic, context.sourceRawKey(), outcomes.serialize(topic, rejected)));
    }

    private static String agencyReferralId(ErrorHandlerContext context) {
        return context.sourceRawKey() == null ? null : new String(context.sourceRawKey(), StandardCharsets.UTF_8);
    }

    private SourceAgency agencyOfTopic(String topic) {
        String prefix = topicPrefix();
        String name = topic != null && topic.startsWith(prefix) ? topic.substring(prefix.length()) : String.valueOf(topic);
        for (SourceAgency a : SourceAgency.values()) {
            if (name.equals(org.rjhub.agencies.Agency.of(a).topic())) {
                return a;
            }
        }
        return null;
    }
}
