package org.rjhub.router.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueParty;

/**
 * The queue-item output stage: a party whose withdrawal of consent a facilitator recorded ({@code CONSENT_WITHDRAWN} on
 * rj.case-events.v1) and the case service ACCEPTED (rj.case-event-results.v1) is named in no later queue item of that
 * case: their name is replaced by {@value #WITHHELD}, as the case service shows it. Withdrawals and answers, by case id,
 * reach the case graph's tasks through one repartition ({@code queue-consent}, as many partitions as the graph) and meet
 * the queue items there, after the graph (on the partitioned graph the items are repartitioned by case id as well); a refused withdrawal never counts. Items queued before the
 * withdrawal was accepted are as they were. The store holds roles and event ids only.
 */
public final class WithheldParties implements Processor<String, WithdrawalInput, String, QueueItem> {

    /** Per case id, its accepted and pending withdrawals. */
    public static final String STORE = "consent-withdrawals";
    /** What a withheld party's names read: the case service's own marker. */
    public static final String WITHHELD = "(withdrawn)";

    private ProcessorContext<String, QueueItem> context;
    private KeyValueStore<String, Withdrawals> store;

    /**
     * The queue items as they may be written: {@code queued} (keyed by case id) with the withdrawn parties withheld.
     *
     * @param caseEvents the case events the router reads (a topic is a source once per topology)
     * @param answers    the case service's answers
     */
    public static KStream<String, QueueItem> withhold(
            StreamsBuilder builder,
            KStream<String, QueueItem> queued,
            KStream<String, CaseEvent> caseEvents,
            KStream<String, CaseEventResult> answers,
            int graphPartitions,
            boolean itemsByCase) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), JsonSerde.of(Withdrawals.class))
                .withCachingEnabled());
        KStream<String, WithdrawalInput> items =
                queued.mapValues(item -> WithdrawalInput.item(encode(item)), Named.as("queue-item-encoded"));
        KStream<String, WithdrawalInput> withdrawals = caseEvents
                .filter(
                        (k, e) -> e.getEventType() == CaseEventType.CONSENT_WITHDRAWN && e.getPartyRole() != null,
                        Named.as("consent-withdrawals"))
                .map(
                        (k, e) -> KeyValue.pair(
                                e.getCaseId(), WithdrawalInput.withdrawal(e.getEventId(), e.getPartyRole())),
                        Named.as("withdrawal-by-case"));
        KStream<String, WithdrawalInput> decided = answers.filter(
                        (k, r) -> CaseEventType.CONSENT_WITHDRAWN.name().equals(r.getEventType()),
                        Named.as("consent-withdrawal-answers"))
                .map(
                        (k, r) -> KeyValue.pair(r.getCaseId(), WithdrawalInput.answer(r.getEventId(), r.getStatus())),
                        Named.as("withdrawal-answer-by-case"));
        // the withdrawals meet the queue items by case id, as many partitions as the case graph: on the one-partition
        // graph in its own task (the items take no extra hop); on the partitioned graph, whose items come from each
        // component's owner, the items are repartitioned by case id too, so no stage has fewer partitions than the
        // input
        KStream<String, WithdrawalInput> decisions = withdrawals
                .merge(decided, Named.as("queue-consent-answers"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(WithdrawalInput.class))
                        .withName("queue-consent")
                        .withNumberOfPartitions(graphPartitions));
        if (itemsByCase) {
            items = items.repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(WithdrawalInput.class))
                    .withName("queue-consent-items")
                    .withNumberOfPartitions(graphPartitions));
        }
        return items.merge(decisions, Named.as("queue-consent-withdrawals"))
                .process(WithheldParties::new, Named.as("withhold-withdrawn-parties"), STORE);
    }

    @Override
    public void init(ProcessorContext<String, QueueItem> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, WithdrawalInput> record) {
        WithdrawalInput in = record.value();
        Withdrawals w = store.get(record.key());
        if (in.kind() == WithdrawalInput.Kind.ITEM) {
            QueueItem item = decode(in.item());
            if (w != null && !w.withdrawn.isEmpty()) {
                item = withheld(item, w);
            }
            context.forward(record.withValue(item));
            return;
        }
        if (w == null) {
            w = new Withdrawals();
        }
        if (in.kind() == WithdrawalInput.Kind.WITHDRAWAL) {
            var early = w.early.remove(in.eventId());
            if (early == null) {
                w.pending.put(in.eventId(), in.role());
            } else {
                w.decided(in.role(), early);
            }
        } else {
            var role = w.pending.remove(in.eventId());
            if (role == null) {
                w.early.put(in.eventId(), in.status());
            } else {
                w.decided(role, in.status());
            }
        }
        if (w.isEmpty()) {
            store.delete(record.key());
        } else {
            store.put(record.key(), w);
        }
    }

    private static QueueItem withheld(QueueItem item, Withdrawals w) {
        List<QueueParty> parties = item.getParties().stream()
                .map(p -> w.withdrawn.contains(p.getRole())
                        ? new QueueParty(p.getRole(), WITHHELD, WITHHELD, null, null, null)
                        : p)
                .distinct()
                .toList();
        return QueueItem.newBuilder(item).setParties(parties).build();
    }

    private static byte[] encode(QueueItem item) {
        try {
            ByteBuffer b = item.toByteBuffer();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a queue item", e);
        }
    }

    private static QueueItem decode(byte[] bytes) {
        try {
            return QueueItem.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a queue item", e);
        }
    }
}
