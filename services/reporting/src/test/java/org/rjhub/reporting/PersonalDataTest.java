package org.rjhub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.facts.Districts;
import org.rjhub.reporting.facts.FactsDriver;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterTopics;
import org.rjhub.router.RouterTopology;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * No name, date of birth, postcode, address, contact detail, identifier or free text of the synthetic inputs reaches
 * the facts topic, the facts service's own state, or the reporting database.
 *
 * <p>The inputs are a simulator batch run through the real router topology; every string those agency records and
 * the router's canonical referrals hold (except the district names reporting keeps) and every date of birth is
 * looked for, as a whole word, case-insensitive, in every fact, every stored state and every database cell.
 */
class PersonalDataTest {

    @Test
    void shouldKeepEveryPersonalValueOutOfTheFactsTheStoresAndTheDatabase() throws Exception {
        // Given a simulator batch through the real router, and a lifecycle on some of its cases
        Batch batch = new AgencySimulator(20261106L).generate(60);
        RouterOutput router = route(batch.records());
        Set<String> personal = new LinkedHashSet<>();
        batch.records().forEach(r -> collect(r.value(), "", personal));
        router.referrals().forEach(r -> collect(r, "", personal));
        router.outcomes().forEach(o -> {
            personal.add(o.getAgencyReferralId());
            if (o.getHubCaseId() != null) {
                personal.add(o.getHubCaseId());
            }
        });
        // what reporting keeps on purpose: the district (and so a post town that is a word of a district's name)
        personal.removeIf(v -> v.length() < 3
                || Districts.ESSEX.stream()
                        .anyMatch(d -> d.equals(v) || List.of(d.split("[ -]")).contains(v)));
        assertThat(personal).as("the inputs hold personal values to look for").hasSizeGreaterThan(500);
        String someone = router.referrals().get(0).getParties().get(0).getSurname();
        assertThat(leaks(personal, List.of("{\"district\": \"" + someone.toUpperCase(Locale.ROOT) + "\"}")))
                .as("the scan finds a planted surname")
                .hasSize(1);

        // When the facts are derived (acknowledgements first: the hardest order) and stored
        List<CaseFact> facts = new ArrayList<>();
        List<String> states;
        Path dir = Files.createTempDirectory("personal-data");
        try (FactsDriver hub = new FactsDriver();
                FactStore store = FactStore.open("jdbc:h2:" + dir.resolve("db").toAbsolutePath(), "sa", "")) {
            router.outcomes().forEach(hub::outcome);
            router.referrals().forEach(hub::referral);
            int n = 0;
            for (Outcome o : router.outcomes()) {
                if (o.getEventType() == OutcomeType.RECEIVED && n++ % 3 == 0) {
                    lifecycle(hub, o.getHubCaseId());
                }
            }
            List<ConsumerRecord<String, CaseFact>> records = new ArrayList<>();
            for (KeyValue<String, CaseFact> kv : hub.factRecords()) {
                records.add(new ConsumerRecord<>("rj.reporting.case-facts.v1", 0, records.size(), kv.key, kv.value));
                facts.add(kv.value);
            }
            states = hub.storeContents();
            store.apply("privacy", records);
            assertThat(facts).as("facts derived").hasSizeGreaterThan(60);

            // Then nothing personal is anywhere
            assertThat(leaks(
                            personal,
                            facts.stream().map(f -> f.getFactId() + " " + f).toList()))
                    .isEmpty();
            assertThat(leaks(personal, states)).isEmpty();
            List<String> cells = databaseCells(store);
            assertThat(cells).hasSizeGreaterThan(1000);
            assertThat(leaks(personal, cells)).isEmpty();
        }
    }

    private static void lifecycle(FactsDriver hub, String caseId) {
        var t = org.rjhub.reporting.facts.FactsDriverClock.next();
        for (CaseEvent e : List.of(
                event(
                        caseId,
                        CaseEventType.CONTACT_MADE,
                        PartyRole.VICTIM,
                        t,
                        new ContactAttemptDetails(ContactMethod.PHONE, true)),
                event(caseId, CaseEventType.INFORMATION_GIVEN, PartyRole.VICTIM, t.plusSeconds(60), null),
                event(
                        caseId,
                        CaseEventType.CONSENT_GIVEN,
                        PartyRole.VICTIM,
                        t.plusSeconds(120),
                        new ConsentDetails(ConsentScope.RESTORATIVE_PROCESS, true)),
                event(caseId, CaseEventType.CONSENT_WITHDRAWN, PartyRole.VICTIM, t.plusSeconds(180), null))) {
            hub.caseEvent(e);
            hub.result(org.rjhub.contracts.hub.CaseEventResult.newBuilder()
                    .setEventId(e.getEventId())
                    .setCaseId(caseId)
                    .setEventType(e.getEventType().name())
                    .setActor(e.getActor())
                    .setStatus(CaseEventStatus.ACCEPTED)
                    .setRule(null)
                    .setReason(null)
                    .setDecidedAt(e.getOccurredAt())
                    .build());
        }
    }

    private static CaseEvent event(
            String caseId, CaseEventType type, PartyRole party, java.time.Instant at, Object details) {
        return CaseEvent.newBuilder()
                .setEventId(java.util.UUID.randomUUID().toString())
                .setCaseId(caseId)
                .setEventType(type)
                .setPartyRole(party)
                .setActor("FAC-0042")
                .setOccurredAt(at)
                .setDetails(details)
                .build();
    }

    /** Fields of the inputs that hold the hub's own vocabulary, not anything about a person. */
    private static final Set<String> NOT_PERSONAL = Set.of(
            "sourcePath",
            "contentHash",
            // offence wording and probation's category text ("Burglary"): they name no one, share words with categories
            "description",
            "mainCategory");

    /** Every personal value found in the texts, with where. */
    static List<String> leaks(Collection<String> personal, List<String> texts) {
        // one alternation, longest values first, so each text is scanned once
        String alternation = personal.stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining("|"));
        Pattern any =
                Pattern.compile("(?<![A-Za-z0-9])(?:" + alternation + ")(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            var m = any.matcher(text);
            while (m.find()) {
                found.add("'" + m.group() + "' in " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
            }
        }
        return found;
    }

    /** Every string value of a record, and every date of birth in the usual ways of writing it. */
    static void collect(Object value, String field, Set<String> out) {
        if (value instanceof IndexedRecord r) {
            for (Schema.Field f : r.getSchema().getFields()) {
                if (!NOT_PERSONAL.contains(f.name())) {
                    collect(r.get(f.pos()), f.name(), out);
                }
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, field, out));
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, field, out));
        } else if (value instanceof CharSequence s && !(value instanceof GenericEnumSymbol<?>)) {
            out.add(s.toString().trim());
        } else if (value instanceof LocalDate d
                && field.toLowerCase(Locale.ROOT).contains("birth")) {
            out.add(d.toString());
            out.add(d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
            out.add(d.format(DateTimeFormatter.BASIC_ISO_DATE));
        }
    }

    private static List<String> databaseCells(FactStore store) throws Exception {
        List<String> cells = new ArrayList<>();
        for (String table : List.of(
                "rpt_facts",
                "rpt_referrals",
                "rpt_referral_parties",
                "rpt_cases",
                "rpt_case_declines",
                "rpt_consumer_offsets")) {
            try (Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object v = rs.getObject(i);
                        if (v != null) {
                            cells.add(table + "." + rs.getMetaData().getColumnName(i) + "=" + v);
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** What the router wrote for the batch: canonical referrals and the agencies' acknowledgements. */
    private record RouterOutput(List<Referral> referrals, List<Outcome> outcomes) {}

    private static RouterOutput route(List<AgencyRecord> records) throws Exception {
        RouterConfig config = RouterConfig.of(
                InMemoryRegistry.connection(),
                Map.of(
                        RouterConfig.STATE_DIR,
                        Files.createTempDirectory("router-ttd").toString()));
        InMemoryRegistry registry = InMemoryRegistry.withCatalogue();
        AvroSerdes avro = registry.serdes();
        RouterTopics topics = RouterTopics.create(
                UnaryOperator.identity(),
                avro,
                id -> registry.schemaText(id).map(text -> new org.apache.avro.Schema.Parser().parse(text)));
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RouterTopology.build(config, topics), registry.bind(config.streamsProperties()))) {
            var serializer = avro.value(org.rjhub.contracts.hub.Referral.class).serializer();
            java.time.Instant clock = java.time.Instant.parse("2026-11-02T10:00:00Z");
            Map<String, org.apache.kafka.streams.TestInputTopic<String, Object>> inputs = new HashMap<>();
            for (AgencyRecord r : records) {
                clock = clock.plusSeconds(30);
                @SuppressWarnings({"unchecked", "rawtypes"})
                org.apache.kafka.common.serialization.Serializer<Object> s =
                        (org.apache.kafka.common.serialization.Serializer) serializer;
                inputs.computeIfAbsent(
                                r.topic(),
                                t -> driver.createInputTopic(t, Serdes.String().serializer(), s))
                        .pipeInput(r.key(), r.value(), clock);
            }
            List<Referral> referrals = driver.createOutputTopic(
                            topics.referrals().name(),
                            Serdes.String().deserializer(),
                            topics.referrals().valueSerde().deserializer())
                    .readValuesToList();
            List<Outcome> outcomes = new ArrayList<>();
            for (SourceAgency agency : SourceAgency.values()) {
                outcomes.addAll(driver.createOutputTopic(
                                topics.outcomes(agency),
                                Serdes.String().deserializer(),
                                topics.outcomesTemplate().valueSerde().deserializer())
                        .readValuesToList());
            }
            return new RouterOutput(referrals, outcomes);
        }
    }
}
