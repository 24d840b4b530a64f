package org.rjhub.cli.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
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

    /** The ground truth: the agency referrals naming the person. */
    private static Set<String> truth(PersonRecord person) {
        Set<String> keys = new TreeSet<>();
        person.appearances().forEach(a -> keys.add(a.agency().sourceAgency() + ":" + a.key()));
        return keys;
    }

    private static Referral canonical(AgencyRecord r) {
        return switch (r.agency()) {
            case POLICE ->
                CanonicalMapper.police((PoliceReferral) r.value(), Instant.EPOCH)
                        .referral();
            case PROBATION ->
                CanonicalMapper.probation((ProbationReferral) r.value(), Instant.EPOCH)
                        .referral();
            case VICTIM_SUPPORT ->
                CanonicalMapper.victimSupport((VictimSupportReferral) r.value(), Instant.EPOCH)
                        .referral();
        };
    }
}
