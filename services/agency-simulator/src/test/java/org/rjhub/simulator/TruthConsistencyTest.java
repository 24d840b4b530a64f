package org.rjhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.simulator.Expectation.Kind;

/** The truth must say what the records really are, or the hub's tests would check against a wrong answer. */
class TruthConsistencyTest {

    private static final Batch BATCH = new AgencySimulator(99).generate(2000);

    @Test
    void shouldRedeliverIdenticalRecordsUnderTheSameKeyAfterTheOriginal() {
        assertThat(BATCH.indexesOf(Kind.DUPLICATE_REDELIVERY)).isNotEmpty().allSatisfy(i -> {
            var original = BATCH.expectation(i).originalIndex();
            assertThat(original).isLessThan(i);
            assertThat(BATCH.record(i).key()).isEqualTo(BATCH.record(original).key());
            assertThat(BATCH.record(i).value())
                    .isEqualTo(BATCH.record(original).value())
                    .isNotSameAs(BATCH.record(original).value());
            assertThat(BATCH.expectation(original).kind()).isEqualTo(Kind.VALID);
        });
    }

    @Test
    void shouldAmendUnderTheSameKeyWithAChangedFieldAfterTheOriginal() {
        assertThat(BATCH.indexesOf(Kind.AMENDMENT)).isNotEmpty().allSatisfy(i -> {
            var original = BATCH.expectation(i).originalIndex();
            assertThat(original).isLessThan(i);
            assertThat(BATCH.record(i).key()).isEqualTo(BATCH.record(original).key());
            assertThat(BATCH.expectation(i).fieldPath()).isNotBlank();
            assertThat(BATCH.record(i).value())
                    .isNotEqualTo(BATCH.record(original).value());
            assertThat(AgencySimulatorTest.submittedAt(BATCH.record(i)))
                    .isAfter(AgencySimulatorTest.submittedAt(BATCH.record(original)));
        });
        assertThat(BATCH.indexesOf(Kind.AMENDMENT).stream()
                        .map(i -> BATCH.expectation(i).fieldPath())
                        .distinct())
                .contains("justiceStage", "officerInCase", "victims[0].contact.phone", "sentence.type");
    }

    @Test
    void shouldBreakExactlyTheNamedRuleInInvalidRecords() {
        assertThat(BATCH.indexesOf(Kind.INVALID)).isNotEmpty().allSatisfy(i -> {
            var e = BATCH.expectation(i);
            var referral = (PoliceReferral) BATCH.record(i).value();
            var submitted = LocalDate.ofInstant(referral.getSubmittedAt(), ZoneOffset.UTC);
            switch (e.rule()) {
                case DATE_OF_BIRTH_IN_FUTURE ->
                    assertThat(party(referral, e.fieldPath()).getDateOfBirth()).isAfter(submitted);
                case INCIDENT_DATE_IN_FUTURE ->
                    assertThat(referral.getIncidentDate()).isAfter(submitted);
                case POSTCODE_SYNTAX ->
                    assertThat(EssexGeography.isValidPostcode(
                                    party(referral, e.fieldPath()).getAddress().getPostcode()))
                            .isFalse();
                case DISTRICT_NOT_IN_ESSEX ->
                    assertThat(EssexGeography.isEssexDistrict(referral.getDistrict()))
                            .isFalse();
                case REQUIRED_FIELD_EMPTY ->
                    assertThat(party(referral, e.fieldPath()).getSurname()).isBlank();
            }
            var others = new ArrayList<>(violations(referral));
            others.remove(e.rule().name());
            assertThat(others).as("other violations of record %d", i).isEmpty();
        });
    }

    @Test
    void shouldPutAPartyUnder18InYouthRecordsAndOnlyThere() {
        assertThat(BATCH.indexesOf(Kind.YOUTH)).isNotEmpty().allSatisfy(i -> {
            var referral = (PoliceReferral) BATCH.record(i).value();
            var youth = party(referral, BATCH.expectation(i).fieldPath());
            assertThat(age(youth, referral)).isLessThan(18);
        });
        assertThat(indexes(k -> k != Kind.YOUTH && k != Kind.INVALID)).allSatisfy(i -> {
            if (BATCH.record(i).value() instanceof PoliceReferral referral) {
                assertThat(parties(referral))
                        .allSatisfy(p -> assertThat(age(p, referral)).isGreaterThanOrEqualTo(18));
            }
        });
    }

    @Test
    void shouldHomeOutOfAreaVictimsAtValidPostcodesOutsideEssex() {
        assertThat(BATCH.indexesOf(Kind.OUT_OF_AREA)).isNotEmpty().allSatisfy(i -> {
            var referral = (PoliceReferral) BATCH.record(i).value();
            var postcode = referral.getVictims().get(0).getAddress().getPostcode();
            assertThat(EssexGeography.isValidPostcode(postcode)).isTrue();
            assertThat(EssexGeography.isEssexPostcode(postcode)).isFalse();
            assertThat(EssexGeography.isEssexDistrict(referral.getDistrict())).isTrue();
        });
    }

    @Test
    void shouldKeepValidRecordsInsideEveryRule() {
        assertThat(indexes(k -> k == Kind.VALID || k == Kind.AMENDMENT || k == Kind.DUPLICATE_REDELIVERY))
                .allSatisfy(i -> {
                    var value = BATCH.record(i).value();
                    if (value instanceof PoliceReferral p) {
                        assertThat(violations(p)).isEmpty();
                        assertThat(p.getVictims())
                                .allSatisfy(v -> assertThat(EssexGeography.isEssexPostcode(
                                                v.getAddress().getPostcode()))
                                        .isTrue());
                    } else if (value instanceof VictimSupportReferral vs) {
                        assertThat(EssexGeography.isEssexDistrict(vs.getDistrict()))
                                .isTrue();
                        if (vs.getVictim().getPostcode() != null) {
                            assertThat(EssexGeography.isEssexPostcode(
                                            vs.getVictim().getPostcode()))
                                    .isTrue();
                        }
                    } else if (value instanceof ProbationReferral pr) {
                        assertThat(EssexGeography.districtOfPostcode(
                                        pr.getOffender().getAddress().getPostcode()))
                                .contains(pr.getDistrict());
                        assertThat(pr.getCrn()).matches("[A-Z]\\d{6}");
                        if (pr.getPncId() != null) {
                            assertThat(pr.getPncId()).matches("(\\d{4})/(\\d{7})[A-Z]");
                            var year = Integer.parseInt(pr.getPncId().substring(0, 4));
                            var serial = Integer.parseInt(pr.getPncId().substring(5, 12));
                            assertThat(pr.getPncId().charAt(12)).isEqualTo(Identifiers.pncCheck(year, serial));
                        }
                    }
                });
    }

    @Test
    void shouldLinkVictimSupportToThePoliceVictimByCrimeReferenceAndPerson() {
        assertThat(BATCH.indexesOf(Agency.VICTIM_SUPPORT)).isNotEmpty().allSatisfy(i -> {
            var vs = (VictimSupportReferral) BATCH.record(i).value();
            var police = firstPoliceOf(BATCH.expectation(i).incidentId());
            var policeValue = (PoliceReferral) BATCH.record(police).value();
            assertThat(vs.getCrimeReference()).isEqualTo(policeValue.getCrimeReference());
            assertThat(BATCH.expectation(i).personIds().get("victim"))
                    .isEqualTo(BATCH.expectation(police).personIds().get("victims[0]"));
        });
        var vsValues = BATCH.indexesOf(Agency.VICTIM_SUPPORT).stream()
                .map(i -> (VictimSupportReferral) BATCH.record(i).value())
                .toList();
        assertThat(vsValues).anyMatch(v -> v.getVictim().getPostcode() == null);
        assertThat(BATCH.indexesOf(Agency.VICTIM_SUPPORT)).anyMatch(i -> {
            var person =
                    BATCH.person(BATCH.expectation(i).personIds().get("victim")).orElseThrow();
            var victim = ((VictimSupportReferral) BATCH.record(i).value()).getVictim();
            return !victim.getSurname().equals(person.surname())
                    || !victim.getForename().equals(person.forename());
        });
    }

    @Test
    void shouldLinkProbationToThePoliceOffenderByPersonWithOrWithoutCrimeReference() {
        assertThat(BATCH.indexesOf(Agency.PROBATION)).isNotEmpty().allSatisfy(i -> {
            var probation = (ProbationReferral) BATCH.record(i).value();
            var police = firstPoliceOf(BATCH.expectation(i).incidentId());
            var policeValue = (PoliceReferral) BATCH.record(police).value();
            if (probation.getCrimeReference() != null) {
                assertThat(probation.getCrimeReference()).isEqualTo(policeValue.getCrimeReference());
            }
            assertThat(BATCH.expectation(i).personIds().get("offender"))
                    .isEqualTo(BATCH.expectation(police).personIds().get("offenders[0]"));
            assertThat(probation.getOffender().getDateOfBirth())
                    .isEqualTo(policeValue.getOffenders().get(0).getDateOfBirth());
        });
        var people = BATCH.indexesOf(Agency.PROBATION).stream()
                .map(i -> Map.entry(
                        (ProbationReferral) BATCH.record(i).value(),
                        BATCH.person(BATCH.expectation(i).personIds().get("offender"))
                                .orElseThrow()))
                .toList();
        assertThat(people)
                .anyMatch(e -> e.getKey()
                                .getOffender()
                                .getForename()
                                .equals(e.getValue().surname())
                        && e.getKey()
                                .getOffender()
                                .getSurname()
                                .equals(e.getValue().forename()));
        assertThat(people)
                .anyMatch(e -> !e.getKey()
                                .getOffender()
                                .getForename()
                                .equals(e.getValue().forename())
                        && e.getKey()
                                .getOffender()
                                .getSurname()
                                .equals(e.getValue().surname()));
    }

    @Test
    void shouldListEveryAppearanceOfEveryPersonAtTheRightPath() {
        int mentions = 0;
        for (var person : BATCH.people()) {
            for (var appearance : person.appearances()) {
                mentions++;
                assertThat(BATCH.record(appearance.recordIndex()).key()).isEqualTo(appearance.key());
                assertThat(BATCH.expectation(appearance.recordIndex())
                                .personIds()
                                .get(appearance.partyPath()))
                        .isEqualTo(person.personId());
                var value = BATCH.record(appearance.recordIndex()).value();
                var kind = BATCH.expectation(appearance.recordIndex()).kind();
                if (value instanceof PoliceReferral p && kind != Kind.INVALID) {
                    var party = party(p, appearance.partyPath());
                    assertThat(party.getDateOfBirth()).isEqualTo(person.dateOfBirth());
                    assertThat(party.getForename()).isEqualTo(person.forename());
                }
            }
        }
        int expected = BATCH.expectations().stream()
                .mapToInt(e -> e.personIds().size())
                .sum();
        assertThat(mentions).isEqualTo(expected);
    }

    // ---- helpers: a reference reading of the rules, for the test only

    private static List<String> violations(PoliceReferral r) {
        var found = new ArrayList<String>();
        var submitted = LocalDate.ofInstant(r.getSubmittedAt(), ZoneOffset.UTC);
        if (parties(r).stream().anyMatch(p -> p.getDateOfBirth().isAfter(submitted))) {
            found.add(InvalidRule.DATE_OF_BIRTH_IN_FUTURE.name());
        }
        if (r.getIncidentDate().isAfter(submitted)) {
            found.add(InvalidRule.INCIDENT_DATE_IN_FUTURE.name());
        }
        if (parties(r).stream()
                .anyMatch(p -> !EssexGeography.isValidPostcode(p.getAddress().getPostcode()))) {
            found.add(InvalidRule.POSTCODE_SYNTAX.name());
        }
        if (!EssexGeography.isEssexDistrict(r.getDistrict())) {
            found.add(InvalidRule.DISTRICT_NOT_IN_ESSEX.name());
        }
        if (parties(r).stream()
                .anyMatch(p -> p.getSurname().isBlank() || p.getForename().isBlank())) {
            found.add(InvalidRule.REQUIRED_FIELD_EMPTY.name());
        }
        return found;
    }

    private static List<Party> parties(PoliceReferral r) {
        var all = new ArrayList<>(r.getVictims());
        all.addAll(r.getOffenders());
        return all;
    }

    /** The party at a path such as {@code offenders[0]} or {@code victims[1].address.postcode}. */
    private static Party party(PoliceReferral r, String path) {
        var list = path.startsWith("victims") ? r.getVictims() : r.getOffenders();
        return list.get(Integer.parseInt(path.substring(path.indexOf('[') + 1, path.indexOf(']'))));
    }

    private static int age(Party p, PoliceReferral r) {
        var submitted = LocalDate.ofInstant(r.getSubmittedAt(), ZoneOffset.UTC);
        return Period.between(p.getDateOfBirth(), submitted).getYears();
    }

    private static List<Integer> indexes(Predicate<Kind> kinds) {
        return java.util.stream.IntStream.range(0, BATCH.size())
                .filter(i -> kinds.test(BATCH.expectation(i).kind()))
                .boxed()
                .toList();
    }

    private static int firstPoliceOf(String incidentId) {
        return BATCH.indexesOf(Agency.POLICE).stream()
                .filter(i -> BATCH.expectation(i).incidentId().equals(incidentId)
                        && BATCH.expectation(i).originalIndex() == null)
                .findFirst()
                .orElseThrow();
    }
}
