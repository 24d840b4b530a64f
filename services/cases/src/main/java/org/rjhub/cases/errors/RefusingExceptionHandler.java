package org.rjhub.cases.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.cases.lifecycle.CaseEventRefusedException;
import org.rjhub.cases.lifecycle.RefusalRule;
import org.rjhub.common.errors.DeadLetteringExceptionHandler;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.schemas.Contracts;

/**
 * The case service's record handler (deserialization and processing, KIP-1034), which never loses a case event: a
 * refused or unreadable event becomes a {@link DeadLetter} and, when it can be read, a REFUSED
 * {@link CaseEventResult} the sender finds under its event id; both are written in the transaction of the task's
 * progress. Retriable failures fail the task; the service's
 * {@link org.rjhub.common.streams.RetryingUncaughtExceptionHandler} replaces the thread after a backoff, and the
 * record is processed again from the last commit (never dead-lettered for a failure that may pass).
 */
public final class RefusingExceptionHandler extends DeadLetteringExceptionHandler {

    /** The rule of a record that could not be read with its topic's schema. */
    static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";

    private Serializer<CaseEventResult> results;

    @Override
    protected void prepare() {
        results = serializer(CaseEventResult.class);
    }

    @Override
    protected Verdict unreadable(Exception failure) {
        return new Verdict(
                UNREADABLE_RECORD,
                "the record could not be read with the topic's schema: send it as registered for the topic");
    }

    /** Events the state machine refused. */
    @Override
    protected Verdict refusal(Exception failure) {
        return failure instanceof CaseEventRefusedException refused
                ? new Verdict(refused.rule().name(), refused.reason())
                : null;
    }

    @Override
    protected Verdict internalError(Exception failure) {
        return new Verdict(
                RefusalRule.INTERNAL_ERROR.name(),
                "processing failed: " + failure.getClass().getSimpleName() + "; " + RefusalRule.INTERNAL_ERROR.fix());
    }

    /** A REFUSED result for an event that could be read; none for a record that could not. */
    @Override
    protected List<ProducerRecord<byte[], byte[]>> answers(
            ErrorHandlerContext context, Record<?, ?> record, Verdict verdict) {
        if (record == null || !(record.value() instanceof CaseEvent event)) {
            return List.of();
        }
        String topic = topic(Contracts.CASE_EVENT_RESULTS_TOPIC);
        CaseEventResult refused = CaseEventResult.newBuilder()
                .setEventId(event.getEventId())
                .setCaseId(event.getCaseId())
                .setEventType(event.getEventType().name())
                .setActor(event.getActor())
                .setStatus(CaseEventStatus.REFUSED)
                .setRule(verdict.rule())
                .setReason(verdict.reason())
                .setDecidedAt(failedAt(context))
                .build();
        return List.of(new ProducerRecord<>(
                topic, event.getEventId().getBytes(StandardCharsets.UTF_8), results.serialize(topic, refused)));
    }
}
