package org.rjhub.cli.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.TopicSnapshot;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterService;
import org.rjhub.schemas.Contracts;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Crypto-shredding on the real broker: the router (its own principal, with a master key) dead-letters two police
 * referrals naming two synthetic people; their names are nowhere in clear on the hub's topics, the dead-letter tool
 * opens them with the master key; {@code hub erase} of one referral leaves its dead letter unreadable, the other's
 * readable, and tells the agency {@code ERASED}. Every topic of the namespace is then read as bytes: the erased
 * person's name is only on the agency's own topic. Two referrals the router accepts are sealed on
 * {@code rj.referrals.v1} (no name in its bytes); once one is erased, its canonical copy opens no more.
 */
@ExtendWith(KafkaStackExtension.class)
class ErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** A name no sample or simulator makes. */
    private static final String SENTINEL = "Xanthippe-Quorlbeck";

    private static final String OTHER = "Othniel-Vardimore";

    @Test
    void shouldLeaveTheErasedPersonsDeadLetterUnreadableAndEveryOtherIntact(TestStack stack) throws Exception {
        // Given the router with a master key, on a namespace of its own
        UnaryOperator<String> naming = stack.newNamespace("erase");
        Path work = Files.createTempDirectory("erase-it");
        Path masterKey = MasterKey.createIfMissing(work.resolve("master-key.json"));
        RouterConfig routerConfig = routerWithMasterKey(stack, naming, work, masterKey);
        PoliceReferral erased = withBadPostcode(sample("PR-2026-001917"), SENTINEL);
        PoliceReferral kept = withBadPostcode(sample("PR-2026-001918"), OTHER);
        DlqConfig dlq = DlqConfig.of(stack.connection(), naming.apply("")).withMasterKey(masterKey.toString());

        // When police sends two referrals the hub refuses
        route(
                stack,
                naming,
                routerConfig,
                List.of(erased, kept),
                "both dead-lettered",
                () -> new DeadLetterReader(dlq).all().size() == 2);

        // Then their names are not in clear on the dead-letter topic, and the tool opens both with the master key
        assertThat(ClearText.topicsHolding(stack, naming.apply(""), SENTINEL))
                .as("topics naming the sentinel before erasure")
                .containsExactly(naming.apply(Agency.POLICE.topic()));
        assertThat(opened(dlq, erased.getReferralId())).contains(SENTINEL);
        assertThat(opened(dlq, kept.getReferralId())).contains(OTHER);

        // When the hub erases the first referral
        Erasure.Result result = new Erasure(stack.connection(), naming)
                .eraseReferral(Agency.POLICE, erased.getReferralId(), Instant.now());

        // Then its key is gone and its dead letter cannot be opened any more; the other is intact
        assertThat(result.keys()).hasSize(1);
        DeadLetterEntry gone = entry(dlq, erased.getReferralId());
        assertThat(gone.originalValue()).isEmpty();
        assertThat(gone.letter().getDataKeyId()).isEqualTo(result.keys().get(0));
        assertThat(opened(dlq, kept.getReferralId())).contains(OTHER);
        // and police is told
        assertThat(outcomes(stack, naming))
                .filteredOn(o -> o.getAgencyReferralId().equals(erased.getReferralId()))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.REJECTED, OutcomeType.ERASED);
        // and the sentinel is in clear only on the agency's own topic (the agency's record, not the hub's to erase)
        assertThat(ClearText.topicsHolding(stack, naming.apply(""), SENTINEL))
                .containsExactly(naming.apply(Agency.POLICE.topic()));
        // nor in the router's state folder
        assertThat(ClearText.filesHolding(work.resolve("state"), SENTINEL)).isEmpty();
    }

    @Test
    void shouldSealTheAcceptedReferralOnTheCanonicalTopicAndLeaveItUnreadableOnceErased(TestStack stack)
            throws Exception {
        // Given the router with a master key, on a namespace of its own
        UnaryOperator<String> naming = stack.newNamespace("erase-canonical");
        Path work = Files.createTempDirectory("erase-canonical-it");
        Path masterKey = MasterKey.createIfMissing(work.resolve("master-key.json"));
        RouterConfig routerConfig = routerWithMasterKey(stack, naming, work, masterKey);
        PoliceReferral erased = renamed(sample("PR-2026-001917"), SENTINEL);
        PoliceReferral kept = renamed(sample("PR-2026-001918"), OTHER);
        String canonicalTopic = naming.apply(Contracts.HUB_REFERRALS_TOPIC);

        // When police sends two referrals the hub accepts
        route(
                stack,
                naming,
                routerConfig,
                List.of(erased, kept),
                "both on the canonical topic, matched and answered",
                () -> rawValues(stack, canonicalTopic).size() == 2
                        && outcomes(stack, naming).size() == 2);

        // Then neither name is in clear in the canonical topic's bytes
        assertThat(rawValues(stack, canonicalTopic))
                .noneMatch(v -> ClearText.holds(v, SENTINEL))
                .noneMatch(v -> ClearText.holds(v, OTHER));
        // nor in any other topic of the hub, the router's repartition topics and changelogs included (linkage and the
        // case graph sealed), nor in the router's state folder: only on the agency's own topic
        assertThat(ClearText.topicsHolding(stack, naming.apply(""), SENTINEL))
                .as("topics naming the accepted sentinel")
                .containsExactly(naming.apply(Agency.POLICE.topic()));
        assertThat(ClearText.filesHolding(work.resolve("state"), SENTINEL)).isEmpty();
        // and a consumer with the master key and the key topic reads both people
        assertThat(surnamesReadable(stack, naming, masterKey)).contains(SENTINEL, OTHER);

        // When the hub erases the first referral
        Erasure.Result result = new Erasure(stack.connection(), naming)
                .eraseReferral(Agency.POLICE, erased.getReferralId(), Instant.now());

        // Then its canonical copy opens no more (the other still does), though still counted by its operational fields
        assertThat(result.keys()).isNotEmpty();
        assertThat(surnamesReadable(stack, naming, masterKey)).contains(OTHER).doesNotContain(SENTINEL);
        assertThat(SarCommand.Holdings.load(stack.connection(), naming.apply(""), Optional.of(masterKey.toString()))
                        .referrals())
                .extracting(Referral::getAgencyReferralId)
                .containsExactlyInAnyOrder(erased.getReferralId(), kept.getReferralId());
        assertThat(rawValues(stack, canonicalTopic)).noneMatch(v -> ClearText.holds(v, SENTINEL));
    }

    /** Runs the router while police publishes {@code referrals}, until {@code done}. */
    private static void route(
            TestStack stack,
            UnaryOperator<String> naming,
            RouterConfig routerConfig,
            List<PoliceReferral> referrals,
            String awaited,
            Callable<Boolean> done)
            throws Exception {
        try (RouterService router = RouterService.start(routerConfig)) {
            router.awaitRunning(WAIT);
            publish(stack, naming, referrals);
            Awaitility.await(awaited)
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(done);
        }
    }

    /** The router as its own principal on {@code naming}'s topics, with {@code masterKey}, its internal topics made. */
    private static RouterConfig routerWithMasterKey(
            TestStack stack, UnaryOperator<String> naming, Path work, Path masterKey) {
        RouterConfig config = RouterConfig.of(
                stack.connection("router"),
                Map.of(
                        RouterConfig.STATE_DIR, work.resolve("state").toString(),
                        RouterConfig.APPLICATION_ID, naming.apply("rj-router"),
                        RouterConfig.TOPIC_PREFIX, naming.apply(""),
                        RouterConfig.HTTP_PORT, -1,
                        RouterConfig.MASTER_KEY, masterKey.toString()));
        stack.createInternalTopics(RouterService.internalTopics(config));
        return config;
    }

    /** The surnames of every party of the canonical referrals as a consumer with the master key reads them. */
    private static List<String> surnamesReadable(TestStack stack, UnaryOperator<String> naming, Path masterKey) {
        return SarCommand.Holdings.load(stack.connection(), naming.apply(""), Optional.of(masterKey.toString()))
                .referrals()
                .stream()
                .flatMap(r -> r.getParties().stream())
                .map(CanonicalParty::getSurname)
                .toList();
    }

    private static List<byte[]> rawValues(TestStack stack, String topic) {
        return TopicSnapshot.readAll(
                        KafkaClients.of(stack.connection()), readAll(), topic, new ByteArrayDeserializer(), WAIT)
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** The referral with its first victim renamed. */
    private static PoliceReferral renamed(PoliceReferral sample, String surname) {
        PoliceReferral r = PoliceReferral.newBuilder(sample).build();
        r.getVictims().get(0).setSurname(surname);
        return r;
    }

    private static PoliceReferral sample(String id) {
        try (InputStream in = ErasureIT.class.getResourceAsStream("/samples/" + Agency.POLICE.fileName())) {
            return AgencyJson.forAgency(Agency.POLICE).read(in).stream()
                    .map(PoliceReferral.class::cast)
                    .filter(r -> r.getReferralId().equals(id))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The referral with its first victim renamed and an invalid postcode: refused as POSTCODE_SYNTAX. */
    private static PoliceReferral withBadPostcode(PoliceReferral sample, String surname) {
        PoliceReferral r = PoliceReferral.newBuilder(sample).build();
        r.getVictims().get(0).setSurname(surname);
        r.getVictims().get(0).getAddress().setPostcode("CM13");
        return r;
    }

    private static void publish(TestStack stack, UnaryOperator<String> naming, List<PoliceReferral> referrals) {
        Properties p = stack.connection().clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "erase-it-police-" + UUID.randomUUID());
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        String topic = naming.apply(Agency.POLICE.topic());
        try (var producer =
                KafkaClients.of(stack.connection()).producer(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            referrals.forEach(
                    r -> producer.send(new ProducerRecord<>(topic, r.getReferralId(), avro.serialize(topic, r))));
            producer.commitTransaction();
        } finally {
            avro.close();
        }
    }

    private static DeadLetterEntry entry(DlqConfig dlq, String referralId) {
        return new DeadLetterReader(dlq)
                .all().stream()
                        .filter(e -> referralId.equals(e.letter().getAgencyReferralId()))
                        .findFirst()
                        .orElseThrow();
    }

    private static String opened(DlqConfig dlq, String referralId) {
        return new String(entry(dlq, referralId).originalValue().orElseThrow(), StandardCharsets.UTF_8);
    }

    private static List<Outcome> outcomes(TestStack stack, UnaryOperator<String> naming) {
        AvroKafkaDeserializer<Outcome> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        return TopicSnapshot.readAll(
                        KafkaClients.of(stack.connection()),
                        readAll(),
                        naming.apply(Agency.POLICE.outcomesTopic()),
                        values,
                        WAIT)
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private static Properties readAll() {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
