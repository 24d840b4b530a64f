package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rjhub.common.errors.DeadLetteringExceptionHandler;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.routing.RoutingRules;

/**
 * Malformed, hostile and oversized agency records through the production topology: each is dead-lettered with its
 * rule, reason and provenance and answered REJECTED in the same step, never retried, and the partition moves on
 * (a good referral sent after it is answered as usual). One driver for the class (a bad record leaves no state);
 * each test starts with the output topics drained and uses its own good referral ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterIntakeTest {

    private static final String POLICE = "police.referrals.v1";

    private RouterDriver router;
    private int good;

    @BeforeAll
    void start() {
        router = new RouterDriver();
    }

    @BeforeEach
    void drain() {
        router.deadLetters();
        for (SourceAgency agency : SourceAgency.values()) {
            router.outcomes(agency);
        }
    }

    @AfterAll
    void stop() {
        router.close();
    }

    @Test
    void shouldRejectBytesThatAreNotInTheWireFormat() {
        router.rawBytes(POLICE, "PR-1", "{\"referralId\": \"PR-1\"}".getBytes(StandardCharsets.UTF_8));

        Outcome rejected = assertRejected("NOT_WIRE_FORMAT", "PR-1");
        assertThat(rejected.getReason()).contains("magic byte");
    }

    @Test
    void shouldRejectAValueTooShortForTheFraming() {
        router.rawBytes(POLICE, "PR-1", new byte[] {0, 0, 1});

        assertRejected("NOT_WIRE_FORMAT", "PR-1");
    }

    @Test
    void shouldRejectASchemaIdTheRegistryDoesNotKnow() {
        byte[] valid = bytes(Fixtures.police("PR-1", "42/10001/26"));
        ByteBuffer.wrap(valid).put(1, (byte) 0x7f); // schema id 2^30 and more: never registered

        Outcome rejected = sendAndExpectRejected(valid, "UNKNOWN_SCHEMA_ID", "PR-1");
        assertThat(rejected.getReason()).contains("schema id");
    }

    @Test
    void shouldRejectAnotherAgencysSchemaOnThePoliceTopic() {
        var probation = Fixtures.probation("PR-1", null, "Kwabena", "Fairweather", "1990-03-04", "CM20 2AB");
        byte[] probationBytes = router.topics
                .probation()
                .valueSerde()
                .serializer()
                .serialize(router.topics.probation().name(), probation);

        Outcome rejected = sendAndExpectRejected(probationBytes, "WRONG_SCHEMA", "PR-1");
        assertThat(rejected.getReason()).contains("ProbationReferral").contains("police.referrals.v1-value");
    }

    @Test
    void shouldRejectAnAvroBodyCutShort() {
        byte[] valid = bytes(Fixtures.police("PR-1", "42/10001/26"));

        sendAndExpectRejected(Arrays.copyOf(valid, valid.length - 7), "TRUNCATED_RECORD", "PR-1");
    }

    @Test
    void shouldRejectAnAvroBodyCutRightAfterTheHeader() {
        byte[] valid = bytes(Fixtures.police("PR-1", "42/10001/26"));

        sendAndExpectRejected(Arrays.copyOf(valid, 5), "TRUNCATED_RECORD", "PR-1");
    }

    @Test
    void shouldRejectTrailingGarbageAfterTheAvroBody() {
        byte[] valid = bytes(Fixtures.police("PR-1", "42/10001/26"));
        byte[] padded = Arrays.copyOf(valid, valid.length + 3);

        sendAndExpectRejected(padded, "TRAILING_BYTES", "PR-1");
    }

    @Test
    void shouldRejectATombstone() {
        router.rawBytes(POLICE, "PR-1", null);

        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo("NO_VALUE");
        assertThat(letter.getOriginalValue()).isNull();
        assertThat(single(router.outcomes(SourceAgency.POLICE)).getEventType()).isEqualTo(OutcomeType.REJECTED);
        assertPartitionMovesOn();
    }

    @Test
    void shouldRejectAnEmptyKeyAndAnswerUnderTheReferralIdInside() {
        router.rawBytes(POLICE, "", bytes(Fixtures.police("PR-1", "42/10001/26")));

        Outcome rejected = assertRejected("KEY_MISSING", "PR-1");
        assertThat(rejected.getReason()).contains("key");
    }

    @Test
    void shouldRejectANullKey() {
        router.rawBytes(POLICE, null, bytes(Fixtures.police("PR-1", "42/10001/26")));

        assertRejected("KEY_MISSING", "PR-1");
    }

    @Test
    void shouldRejectANullKeyWithAnUnreadableValueAndSayWhereItWasRead() {
        router.rawBytes(POLICE, null, new byte[] {1, 2, 3, 4, 5, 6});

        Outcome rejected = assertRejected("NOT_WIRE_FORMAT", "");
        assertThat(rejected.getReason()).containsPattern("police.referrals.v1 partition 0 offset [0-9]+\\)");
    }

    @Test
    void shouldRejectAKeyThatDiffersFromTheReferralIdInside() {
        router.rawBytes(POLICE, "PR-2", bytes(Fixtures.police("PR-1", "42/10001/26")));

        assertRejected("KEY_MISMATCH", "PR-1");
    }

    @Test
    void shouldRejectAFieldOverTheTextLimit() {
        PoliceReferral r = Fixtures.police("PR-1", "42/10001/26");
        r.getVictims().get(0).setSurname("Q".repeat(3000));

        Outcome rejected = sendAndExpectRejected(bytes(r), "TEXT_TOO_LONG", "PR-1");
        assertThat(rejected.getReason()).contains("victims[0].surname").contains("2048");
    }

    @Test
    void shouldRejectAFieldOfAMegabyteAsTooLargeAndKeepOnlyADigestAndAnExcerpt() {
        PoliceReferral r = Fixtures.police("PR-1", "42/10001/26");
        r.setDistrict("H".repeat(1024 * 1024));
        byte[] huge = bytes(r);

        router.rawBytes(POLICE, "PR-1", huge);

        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(letter.getOriginalValueSize()).isEqualTo(huge.length);
        assertThat(letter.getOriginalValueSha256()).isEqualTo(DeadLetteringExceptionHandler.sha256(huge));
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(DeadLetteringExceptionHandler.EXCERPT_BYTES);
        Outcome rejected = single(router.outcomes(SourceAgency.POLICE));
        assertThat(rejected.getReason()).contains("65536");
        assertPartitionMovesOn();
    }

    @Test
    void shouldRejectTenThousandParties() {
        PoliceReferral r = Fixtures.police("PR-1", "42/10001/26");
        List<Party> victims = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            victims.add(Party.newBuilder(r.getVictims().get(0)).build());
        }
        r.setVictims(victims);

        sendAndExpectRejected(bytes(r), "RECORD_TOO_LARGE", "PR-1");
    }

    @Test
    void shouldRejectMorePartiesThanTheListLimit() {
        PoliceReferral r = Fixtures.police("PR-1", "42/10001/26");
        List<Party> victims = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            victims.add(Party.newBuilder(r.getVictims().get(0)).build());
        }
        r.setVictims(victims);

        Outcome rejected = sendAndExpectRejected(bytes(r), "TOO_MANY_ITEMS", "PR-1");
        assertThat(rejected.getReason()).contains("victims").contains("25");
    }

    @Test
    void shouldRejectARecordNearTheBrokersMaximumWithoutWritingAnythingNearIt() {
        byte[] near = new byte[1_000_000];
        byte[] valid = bytes(Fixtures.police("PR-1", "42/10001/26"));
        System.arraycopy(valid, 0, near, 0, valid.length);

        router.rawBytes(POLICE, "PR-1", near);

        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo("RECORD_TOO_LARGE");
        byte[] written = router.topics
                .deadLetters()
                .valueSerde()
                .serializer()
                .serialize(router.topics.deadLetters().name(), letter);
        assertThat(written.length).as("dead letter size").isLessThan(4096);
        assertThat(single(router.outcomes(SourceAgency.POLICE)).getEventType()).isEqualTo(OutcomeType.REJECTED);
        assertPartitionMovesOn();
    }

    @Test
    void shouldRejectAKeyLongerThanTheLimitWithoutEchoingIt() {
        String longKey = "PR-" + "9".repeat(100_000);

        router.rawBytes(POLICE, longKey, bytes(Fixtures.police("PR-1", "42/10001/26")));

        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo("KEY_TOO_LONG");
        Outcome rejected = single(router.outcomes(SourceAgency.POLICE));
        assertThat(rejected.getAgencyReferralId()).isEmpty();
        assertThat(rejected.getReason()).contains("64 bytes").containsPattern("partition 0 offset [0-9]+");
        assertPartitionMovesOn();
    }

    @Test
    void shouldRefuseAnOlderRulesVersionAndKeepTheOneInForce() {
        router.rules(RoutingRules.defaultText()
                .replace("version: 1", "version: 2")
                .replace("countyWide: true", "countyWide: false"));
        router.rules(RoutingRules.defaultText()); // version 1: older than the one in force

        router.police(Fixtures.police(
                "PR-BAS-1",
                null,
                "Basildon",
                "OUT_OF_COURT",
                "THEFT",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "SS14 1AB"));

        Outcome ack = single(router.outcomes(SourceAgency.POLICE));
        assertThat(ack.getEventType())
                .as("version 2 (pilot districts only) stays in force")
                .isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(metric("rules-refused-total")).isEqualTo(1.0);
    }

    @Test
    void shouldDeclareTheLimitsInTheTopicCatalogue() {
        var limits = TopicCatalogue.load().get(POLICE).limits().orElseThrow();

        assertThat(limits.maxRecordBytes()).isEqualTo(65536);
        assertThat(router.topics.limits(POLICE)).isEqualTo(limits);
    }

    private double metric(String name) {
        return router.driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private byte[] bytes(PoliceReferral r) {
        return router.topics
                .police()
                .valueSerde()
                .serializer()
                .serialize(router.topics.police().name(), r);
    }

    private Outcome sendAndExpectRejected(byte[] value, String rule, String referralId) {
        router.rawBytes(POLICE, referralId, value);
        return assertRejected(rule, referralId);
    }

    /** One dead letter with the rule and provenance, one REJECTED outcome, and the partition moves on. */
    private Outcome assertRejected(String rule, String referralId) {
        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo(rule);
        assertThat(letter.getSourceTopic()).isEqualTo(POLICE);
        assertThat(letter.getAgency()).isEqualTo(SourceAgency.POLICE);
        assertThat(letter.getReason()).contains("rule " + rule);
        Outcome rejected = single(router.outcomes(SourceAgency.POLICE));
        assertThat(rejected.getEventType()).isEqualTo(OutcomeType.REJECTED);
        assertThat(rejected.getAgencyReferralId()).isEqualTo(referralId);
        assertThat(rejected.getReason()).contains("rule " + rule);
        assertPartitionMovesOn();
        return rejected;
    }

    /** A good referral sent after the bad record is answered as usual. */
    private void assertPartitionMovesOn() {
        String id = "PR-GOOD-" + (++good);
        router.police(Fixtures.police(id, "42/" + (20000 + good) + "/26"));
        Outcome ack = single(router.outcomes(SourceAgency.POLICE));
        assertThat(ack.getAgencyReferralId()).isEqualTo(id);
        // the same synthetic people each time: the first opens a case, the others link to it
        assertThat(ack.getEventType()).isIn(OutcomeType.RECEIVED, OutcomeType.LINKED);
        assertThat(router.deadLetters()).isEmpty();
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
