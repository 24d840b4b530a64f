package org.rjhub.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterTopics;
import org.rjhub.router.RouterTopology;
import org.rjhub.router.intake.Admitted;

/**
 * The yardstick of exactly-once itself on this machine ({@code baseline_eos_rps}): a one-hop Kafka Streams
 * pass-through of the same agency records, with the router's settings (exactly-once v2, commit interval, threads).
 * It does what the router's first hop does and nothing after it: read the agency topics as bytes, decode, map to
 * the canonical referral and validate ({@link RouterTopology#deduplicated}, the router's own code), one put in a
 * changelogged store (deduplication), then write the canonical referral and one RECEIVED outcome. The pipeline's
 * rate over this one's is what the router's linkage, its repartitions and its case decisions cost.
 */
final class EosBaseline {

    static final String NAME = "bench-eos-baseline";

    private EosBaseline() {}

    static Topology topology(RouterTopics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Admitted> admitted = RouterTopology.deduplicated(builder, topics);
        admitted.mapValues(a -> a.intake().referral(), Named.as("canonical"))
                .to(topics.referrals().name(), topics.referrals().produced());
        admitted.map(
                        (k, a) -> {
                            var r = a.intake().referral();
                            return KeyValue.pair(
                                    r.getAgencyReferralId(),
                                    Acknowledgements.outcome(
                                            OutcomeType.RECEIVED,
                                            r.getSourceAgency(),
                                            r.getAgencyReferralId(),
                                            null,
                                            null,
                                            r.getReceivedAt()));
                        },
                        Named.as("acknowledge"))
                .to(
                        (k, v, ctx) -> topics.outcomes(v.getAgency()),
                        Produced.with(Serdes.String(), topics.outcomesTemplate().valueSerde())
                                .withName("write-outcomes"));
        return builder.build();
    }

    /** The baseline processing on the topics {@code config} names, with the router's Streams settings. */
    static StreamsService start(RouterConfig config) {
        RouterTopics topics = RouterTopics.create(config.naming(), new AvroSerdes(config.connection()));
        return StreamsService.start(
                NAME, config, topology(topics), config.streamsProperties(), StreamsService.OPERATIONS);
    }
}
