package org.rjhub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsDriver;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.facts.Scenario;
import org.rjhub.reporting.report.ReportData;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.reporting.store.TestDatabase;

/**
 * A case that spans a rotation of the pseudonymisation key (facts service restarted with a new current version) is
 * one case in the reporting database and its report, whichever of its facts (they are on different partitions of the
 * facts topic, being keyed by different pseudonyms) is applied first; on the embedded H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class KeyRotationReportingTest {

    @Parameter
    TestDatabase.Engine engine;

    private static final String TOPIC = "rj.reporting.case-facts.v1";

    private FactStore store;
    private List<KeyValue<String, CaseFact>> before;
    private List<KeyValue<String, CaseFact>> after;

    @BeforeEach
    void play() throws Exception {
        Path dir = Files.createTempDirectory("key-rotation");
        Path keys = dir.resolve("pseudonym-keys.json");
        PseudonymKeys.createIfMissing(keys, new SecureRandom());
        Map<String, Object> keySettings = Map.of(FactsConfig.PSEUDONYM_KEYS, keys.toString());
        FactsDriver hub = new FactsDriver(keySettings);
        new Scenario(hub).beforeRotation();
        before = hub.factRecords();
        PseudonymKeys.load(keys).rotated(new SecureRandom()).write(keys);
        hub = hub.restart(keySettings);
        new Scenario(hub).afterRotation();
        after = hub.factRecords();
        hub.close();
        store = TestDatabase.create(engine, dir).open();
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
    }

    @Test
    void shouldKeepACaseThatSpansARotationOneCaseInTheReport() throws Exception {
        store.apply("rotation", records(0, before));
        store.apply("rotation", records(1, after));

        assertOneCaseAcrossTheRotation();
    }

    @Test
    void shouldKeepItOneCaseWhenItsLaterFactsAreAppliedFirst() throws Exception {
        store.apply("rotation", records(1, after));
        store.apply("rotation", records(0, before));

        assertOneCaseAcrossTheRotation();
    }

    private void assertOneCaseAcrossTheRotation() throws Exception {
        assertThat(query("SELECT district, referrals, agencies, first_contact_at IS NOT NULL, meeting_at IS NOT NULL"
                        + " FROM v_cases ORDER BY district"))
                .containsExactly("Basildon|1|POLICE|false|false", "Harlow|2|POLICE,VICTIM_SUPPORT|true|true");
        assertThat(query("SELECT agency, intake, case_key IN (SELECT case_key FROM rpt_cases) FROM rpt_referrals"
                        + " ORDER BY agency, intake"))
                .containsExactly(
                        "POLICE|OPENED_CASE|true", "POLICE|OPENED_CASE|true", "VICTIM_SUPPORT|LINKED_TO_CASE|true");
        assertThat(query("SELECT key_version, COUNT(*) FROM rpt_facts GROUP BY key_version ORDER BY key_version"))
                .containsExactly("1|" + before.size(), "2|" + after.size());
        assertThat(query("SELECT COUNT(DISTINCT fact_key) FROM rpt_facts")).containsExactly("2");
        assertThat(query("SELECT key_version, COUNT(*) FROM rpt_pseudonym_links GROUP BY key_version"))
                .containsExactly("2|3");

        ReportData data =
                ReportData.load(store.connection(), LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"));
        assertThat(data.table("funnel").rows().get(0)).containsExactly("Referred", 2L, 100.0);
    }

    private static List<ConsumerRecord<String, CaseFact>> records(int partition, List<KeyValue<String, CaseFact>> kvs) {
        List<ConsumerRecord<String, CaseFact>> records = new ArrayList<>();
        for (KeyValue<String, CaseFact> kv : kvs) {
            records.add(new ConsumerRecord<>(TOPIC, partition, records.size(), kv.key, kv.value));
        }
        return records;
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }
}
