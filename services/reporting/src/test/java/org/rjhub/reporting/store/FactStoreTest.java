package org.rjhub.reporting.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rjhub.contracts.hub.AgeBand;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.ReferralIntake;
import org.rjhub.contracts.hub.ReferralSnapshot;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * The database side of exactly-once: offsets and rows in one transaction, nothing applied twice; on the embedded H2
 * and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class FactStoreTest {

    @Parameter
    TestDatabase.Engine engine;

    private static final String TOPIC = "rj.reporting.case-facts.v1";
    private static final String GROUP = "test-group";

    private Path dir;
    private FactStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("fact-store");
        store = TestDatabase.create(engine, dir).open();
    }

    @AfterEach
    void close() throws SQLException {
        store.close();
    }

    @Test
    void shouldSkipRecordsBelowTheStoredOffsetWhenTheyAreDeliveredAgain() throws SQLException {
        assertThat(store.apply(GROUP, List.of(record(0, 0, "r-1", 1), record(0, 1, "r-2", 1), record(0, 2, "r-3", 1))))
                .isEqualTo(3);

        // a redelivery (e.g. after a rebalance) overlapping what is stored
        int applied =
                store.apply(GROUP, List.of(record(0, 1, "r-2", 1), record(0, 2, "r-3", 1), record(0, 3, "r-4", 1)));

        assertThat(applied).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rpt_facts")).isEqualTo(4);
        assertThat(store.positions(GROUP, List.of(new TopicPartition(TOPIC, 0))))
                .containsExactly(Map.entry(new TopicPartition(TOPIC, 0), 4L));
    }

    @Test
    void shouldLoseABatchAndItsOffsetsTogetherWhenTheTransactionFails() throws SQLException {
        store.apply(GROUP, List.of(record(0, 0, "r-1", 1)));

        // the second fact repeats a fact id: the database refuses it mid-batch
        List<ConsumerRecord<String, CaseFact>> batch = List.of(record(0, 1, "r-2", 1), record(0, 2, "r-1", 1));
        assertThatThrownBy(() -> store.apply(GROUP, batch)).isInstanceOf(SQLException.class);

        assertThat(count("SELECT COUNT(*) FROM rpt_facts")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rpt_referrals")).isEqualTo(1);
        assertThat(store.positions(GROUP, List.of(new TopicPartition(TOPIC, 0))))
                .containsEntry(new TopicPartition(TOPIC, 0), 1L);
    }

    @Test
    void shouldStartFreshPartitionsFromTheBeginningAndKeepGroupsApart() throws SQLException {
        TopicPartition p3 = new TopicPartition(TOPIC, 3);
        assertThat(store.positions(GROUP, List.of(p3))).isEmpty();

        store.apply(GROUP, List.of(record(3, 41, "r-9", 1)));

        assertThat(store.positions(GROUP, List.of(p3))).containsEntry(p3, 42L);
        assertThat(store.positions("another-group", List.of(p3))).isEmpty();
    }

    @Test
    void shouldKeepTheNewestSnapshotOfAReferralWhicheverArrivesLast() throws SQLException {
        store.apply(GROUP, List.of(record(1, 0, "r-5", 2, "NOT_ELIGIBLE")));
        store.apply(GROUP, List.of(record(2, 0, "r-5", 1, "REFERRED_ON")));

        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT intake, referral_version FROM rpt_referrals WHERE referral_key = 'r-5'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("NOT_ELIGIBLE");
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
        assertThat(count("SELECT COUNT(*) FROM rpt_referral_parties WHERE referral_key = 'r-5'"))
                .isEqualTo(1);
    }

    @Test
    void shouldCreateItsSchemaIdempotently() throws SQLException {
        FactStore.createSchema(store.connection());
        FactStore.createSchema(store.connection());

        assertThat(count("SELECT COUNT(*) FROM v_funnel")).isZero();
    }

    private long count(String sql) throws SQLException {
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static ConsumerRecord<String, CaseFact> record(int partition, long offset, String referralKey, long version) {
        return record(partition, offset, referralKey, version, "NOT_ELIGIBLE");
    }

    static ConsumerRecord<String, CaseFact> record(
            int partition, long offset, String referralKey, long version, String intake) {
        Instant at = Instant.parse("2026-10-05T09:00:00Z");
        List<PartySnapshot> parties = new ArrayList<>();
        parties.add(new PartySnapshot(PartyRole.VICTIM, AgeBand.AGE_35_44, null));
        ReferralSnapshot referral = ReferralSnapshot.newBuilder()
                .setReferralKey(referralKey)
                .setAgency(SourceAgency.POLICE)
                .setVersion(version)
                .setIntake(ReferralIntake.valueOf(intake))
                .setCaseKey(null)
                .setReceivedAt(at)
                .setDistrict("Harlow")
                .setCaseType(null)
                .setOffenceCategory(null)
                .setJusticeStage(null)
                .setParties(parties)
                .build();
        CaseFact fact = CaseFact.newBuilder()
                .setFactId(referralKey + ":" + version)
                .setCaseKey(null)
                .setSequence(version)
                .setChange(CaseChange.valueOf("REFERRAL_" + intake))
                .setOccurredAt(at)
                .setAgency(SourceAgency.POLICE)
                .setReferralKey(referralKey)
                .setPartyRole(null)
                .setDetail(null)
                .setReason(null)
                .setReferral(referral)
                .setCaseState(null)
                .build();
        return new ConsumerRecord<>(TOPIC, partition, offset, referralKey, fact);
    }
}
