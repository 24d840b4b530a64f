package org.rjhub.cli.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.ReferralSnapshot;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsDriver;
import org.rjhub.reporting.facts.Minimiser;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.facts.Pseudonymiser;
import org.rjhub.reporting.facts.ReferralDetails;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.schemas.Contracts;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.simulator.PersonRecord;

class SubjectAccessTest {

    private static final Set<Expectation.Kind> ACCEPTED =
            EnumSet.of(Expectation.Kind.VALID, Expectation.Kind.DUPLICATE_REDELIVERY, Expectation.Kind.AMENDMENT);

    @Test
    void shouldExportOnlyReferralsTheSimulatorSaysNameTheSeededPersonWithOnlyTheirPartyAndNearlyAllOfThem() {
        // Given the canonical referrals of a seeded batch (the latest version of each), as on rj.referrals.v1
        Batch batch = new AgencySimulator(42).generate(300);
        Map<String, Referral> canonical = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (ACCEPTED.contains(batch.expectation(i).kind())) {
                Referral r = canonical(batch.record(i));
                canonical.put(r.getSourceAgency() + ":" + r.getAgencyReferralId(), r);
            }
        }
        // and the seeded people named by two or more accepted referrals
        List<PersonRecord> people = batch.people().stream()
                .filter(p -> p.appearances().stream()
                        .allMatch(a -> ACCEPTED.contains(
                                batch.expectation(a.recordIndex()).kind())))
                .filter(p -> truth(p).size() >= 2)
                .toList();
        assertThat(people).hasSizeGreaterThan(100);
        int truthTotal = 0;
        int exportedTotal = 0;

        for (PersonRecord person : people) {
            // When each asks for what the hub holds
            SubjectAccess sar = new SubjectAccess(new SubjectAccess.Subject(
                    person.forename(), person.surname(), person.dateOfBirth(), person.postcode()));
            ObjectNode export = sar.export(
                    List.copyOf(canonical.values()), List.of(), List.of(), List.of(), List.of(), Instant.EPOCH);

            // Then the export holds only referrals the ground truth says name them, each with only their party
            Set<String> exported = new TreeSet<>();
            for (JsonNode r : export.get("referrals")) {
                exported.add(r.get("sourceAgency").asText() + ":"
                        + r.get("agencyReferralId").asText());
                assertThat(r.get("parties")).as(person.personId()).hasSize(1);
                assertThat(r.get("parties").get(0).get("dateOfBirth").asText(null))
                        .as(person.personId())
                        .isIn(person.dateOfBirth().toString(), null);
            }
            Set<String> t = truth(person);
            assertThat(t).as(person.personId() + ": nothing about anyone else").containsAll(exported);
            truthTotal += t.size();
            exportedTotal += exported.size();
        }
        // and it finds nearly all of them: measured 303 of 316 with seed 42 (the misses are Victim Support and
        // probation
        // referrals naming the person by a common name alone, without date of birth or postcode)
        assertThat(exportedTotal).isGreaterThanOrEqualTo(truthTotal * 95 / 100);
    }

    @Test
    void shouldExportTheSeededPersonsReportingFactsUnderEveryKeyVersionFromTheTopicAndTheDatabaseAndNoOneElses(
            @TempDir Path dir) throws Exception {
        // Given the seeded batch through the production facts topology: each accepted referral version on
        // rj.referrals.v1, the router's answer placing it in the case of its true incident, and the key rotated
        // half-way (hub keys rotate), so that cases spanning the rotation carry facts under both versions
        Batch batch = new AgencySimulator(42).generate(300);
        Path keyFile = dir.resolve("pseudonym-keys.json");
        PseudonymKeys.createIfMissing(keyFile, new SecureRandom());
        Map<String, Object> keySettings = Map.of(FactsConfig.PSEUDONYM_KEYS, keyFile.toString());
        FactsDriver facts = new FactsDriver(keySettings);
        List<KeyValue<String, CaseFact>> published = new ArrayList<>();
        Map<String, Referral> latest = new LinkedHashMap<>();
        Map<String, Integer> latestIndex = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> opened = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (i == batch.size() / 2) {
                published.addAll(facts.factRecords());
                PseudonymKeys.load(keyFile).rotated(new SecureRandom()).write(keyFile);
                facts = facts.restart(keySettings);
            }
            Expectation e = batch.expectation(i);
            if (e.kind() != Expectation.Kind.VALID && e.kind() != Expectation.Kind.AMENDMENT) {
                continue;
            }
            Referral r = canonical(batch.record(i), RECEIVED_AT.plusSeconds(i));
            String id = r.getSourceAgency() + ":" + r.getAgencyReferralId();
            latest.put(id, r);
            latestIndex.put(id, i);
            facts.referral(r);
            String caseId = "RJ-" + e.incidentId();
            OutcomeType answer = e.kind() == Expectation.Kind.AMENDMENT
                    ? OutcomeType.AMENDED
                    : opened.add(caseId) ? OutcomeType.RECEIVED : OutcomeType.LINKED;
            Outcome o = ack(answer, r, caseId, RECEIVED_AT.plusSeconds(i));
            outcomes.add(o);
            facts.outcome(o);
        }
        published.addAll(facts.factRecords());
        facts.close();
        // and the facts applied to a reporting database (H2, as the reporting consumer applies them)
        String url = "jdbc:h2:mem:sar-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (FactStore store = FactStore.open(url, "sa", "")) {
            List<ConsumerRecord<String, CaseFact>> records = new ArrayList<>();
            for (KeyValue<String, CaseFact> kv : published) {
                records.add(new ConsumerRecord<>(Contracts.CASE_FACTS_TOPIC, 0, records.size(), kv.key, kv.value));
            }
            store.apply("sar-test", records);
        }
        List<CaseFact> onTopic = published.stream().map(kv -> kv.value).toList();
        PseudonymKeys keys = PseudonymKeys.load(keyFile);
        Pseudonymiser pseudonyms = Pseudonymiser.withKeys(keys);
        assertThat(keys.versions()).containsExactly(1, 2);
        List<PersonRecord> people = batch.people().stream()
                .filter(p -> p.appearances().stream()
                        .allMatch(a -> ACCEPTED.contains(
                                batch.expectation(a.recordIndex()).kind())))
                .filter(p -> truth(p).size() >= 2)
                .toList();
        int exportedReferrals = 0;
        int withFactsOnTopic = 0;
        int inDatabase = 0;
        Set<Integer> versionsSeen = new TreeSet<>();
        int linksSeen = 0;

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            for (PersonRecord person : people) {
                // When each asks for what the hub holds, their reporting facts included
                SubjectAccess sar = new SubjectAccess(new SubjectAccess.Subject(
                        person.forename(), person.surname(), person.dateOfBirth(), person.postcode()));
                ObjectNode export = sar.export(
                        List.copyOf(latest.values()), outcomes, List.of(), List.of(), List.of(), Instant.EPOCH);
                SubjectFacts theirs = new SubjectFacts(keys, sar.findings());
                List<CaseFact> topicFacts = theirs.fromTopic(onTopic);
                ObjectNode rows = theirs.fromDatabase(db);

                // Then every referral pseudonym they hold is of a referral the ground truth says names the person,
                // under either key version, and every party is theirs
                Set<String> truthKeys = new HashSet<>();
                truth(person)
                        .forEach(id -> truthKeys.addAll(everyVersion(pseudonyms, keys, referralKey(pseudonyms, id))));
                Set<String> ownPersonKeys = new HashSet<>();
                for (String id : truth(person)) {
                    Referral r = latest.get(id);
                    List<ReferralDetails.Party> parties =
                            Minimiser.referral(r, pseudonyms).parties();
                    for (int i = 0; i < r.getParties().size(); i++) {
                        String truePerson = batch.expectation(latestIndex.get(id))
                                .personIds()
                                .get(r.getParties().get(i).getSourcePath());
                        if (person.personId().equals(truePerson)
                                && parties.get(i).personKey() != null) {
                            ownPersonKeys.addAll(everyVersion(
                                    pseudonyms, keys, parties.get(i).personKey()));
                        }
                    }
                }
                for (CaseFact f : topicFacts) {
                    versionsSeen.add(f.getKeyVersion());
                    linksSeen += f.getPseudonymLinks().size();
                    List<ReferralSnapshot> snapshots = new ArrayList<>();
                    if (f.getReferral() != null) {
                        snapshots.add(f.getReferral());
                    }
                    if (f.getCaseState() != null) {
                        snapshots.addAll(f.getCaseState().getReferrals());
                    }
                    if (f.getReferralKey() != null) {
                        assertThat(truthKeys).as(person.personId()).contains(f.getReferralKey());
                    }
                    for (ReferralSnapshot s : snapshots) {
                        assertThat(truthKeys).as(person.personId()).contains(s.getReferralKey());
                        assertThat(s.getParties()).as(person.personId()).hasSizeLessThanOrEqualTo(1);
                        s.getParties().stream()
                                .map(PartySnapshot::getPersonKey)
                                .filter(java.util.Objects::nonNull)
                                .forEach(k -> assertThat(ownPersonKeys)
                                        .as(person.personId())
                                        .contains(k));
                    }
                }
                for (JsonNode row : rows.get("rpt_referrals")) {
                    assertThat(truthKeys)
                            .as(person.personId())
                            .contains(row.get("referral_key").asText());
                }
                Set<String> partiesOf = new HashSet<>();
                for (JsonNode row : rows.get("rpt_referral_parties")) {
                    assertThat(partiesOf.add(row.get("referral_key").asText()))
                            .as(person.personId())
                            .isTrue();
                    if (!row.get("person_key").isNull()) {
                        assertThat(ownPersonKeys)
                                .as(person.personId())
                                .contains(row.get("person_key").asText());
                    }
                }
                for (JsonNode row : rows.get("rpt_facts")) {
                    if (!row.get("referral_key").isNull()) {
                        assertThat(truthKeys)
                                .as(person.personId())
                                .contains(row.get("referral_key").asText());
                    }
                }
                // and each referral exported has its facts on the topic and its row in the database
                for (JsonNode r : export.get("referrals")) {
                    exportedReferrals++;
                    Set<String> keysOfIt = new HashSet<>(everyVersion(
                            pseudonyms,
                            keys,
                            referralKey(
                                    pseudonyms,
                                    r.get("sourceAgency").asText() + ":"
                                            + r.get("agencyReferralId").asText())));
                    if (topicFacts.stream().anyMatch(f -> keysOfIt.contains(f.getReferralKey()))) {
                        withFactsOnTopic++;
                    }
                    for (JsonNode row : rows.get("rpt_referrals")) {
                        if (keysOfIt.contains(row.get("referral_key").asText())) {
                            inDatabase++;
                        }
                    }
                }
            }
        }
        // measured: 303 referrals exported, each with its facts and its row; 28 pseudonym links
        assertThat(exportedReferrals).isGreaterThan(250);
        assertThat(withFactsOnTopic).isEqualTo(exportedReferrals);
        assertThat(inDatabase).isEqualTo(exportedReferrals);
        // and the facts of both key versions were found, with the links of the cases spanning the rotation
        assertThat(versionsSeen).containsExactly(1, 2);
        assertThat(linksSeen).isPositive();
    }

    private static final Instant RECEIVED_AT = Instant.parse("2026-10-05T09:00:00Z");

    private static String referralKey(Pseudonymiser pseudonyms, String agencyReferral) {
        int colon = agencyReferral.indexOf(':');
        return pseudonyms.referralKey(
                SourceAgency.valueOf(agencyReferral.substring(0, colon)), agencyReferral.substring(colon + 1));
    }

    private static List<String> everyVersion(Pseudonymiser pseudonyms, PseudonymKeys keys, String internal) {
        return keys.versions().stream()
                .map(v -> pseudonyms.publish(internal, v))
                .toList();
    }

    private static Outcome ack(OutcomeType type, Referral r, String caseId, Instant at) {
        return Outcome.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventType(type)
                .setVersion(1)
                .setOccurredAt(at)
                .setDescription("test")
                .setAgency(r.getSourceAgency())
                .setAgencyReferralId(r.getAgencyReferralId())
                .setHubCaseId(caseId)
                .setReason(null)
                .setDeclinedBy(null)
                .setAdditionalInformation(Map.of())
                .build();
    }

    /** The ground truth: the agency referrals naming the person. */
    private static Set<String> truth(PersonRecord person) {
        Set<String> keys = new TreeSet<>();
        person.appearances().forEach(a -> keys.add(a.agency().sourceAgency() + ":" + a.key()));
        return keys;
    }

    private static Referral canonical(AgencyRecord r) {
        return canonical(r, Instant.EPOCH);
    }

    private static Referral canonical(AgencyRecord r, Instant receivedAt) {
        return switch (r.agency()) {
            case POLICE ->
                CanonicalMapper.police((PoliceReferral) r.value(), receivedAt).referral();
            case PROBATION ->
                CanonicalMapper.probation((ProbationReferral) r.value(), receivedAt)
                        .referral();
            case VICTIM_SUPPORT ->
                CanonicalMapper.victimSupport((VictimSupportReferral) r.value(), receivedAt)
                        .referral();
        };
    }
}
