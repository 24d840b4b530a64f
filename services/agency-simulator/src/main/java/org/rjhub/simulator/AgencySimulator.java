package org.rjhub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.police.Address;
import org.rjhub.contracts.police.ContactMethod;
import org.rjhub.contracts.police.ContactPreferences;
import org.rjhub.contracts.police.JusticeStage;
import org.rjhub.contracts.police.OffenceCategory;
import org.rjhub.contracts.police.OfficerInCase;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.police.Vulnerability;
import org.rjhub.contracts.probation.OffenderManager;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.probation.RiskOfSeriousHarm;
import org.rjhub.contracts.probation.Sentence;
import org.rjhub.contracts.probation.SentenceType;
import org.rjhub.contracts.probation.VictimDetails;
import org.rjhub.contracts.victimsupport.CrimeType;
import org.rjhub.contracts.victimsupport.Need;
import org.rjhub.contracts.victimsupport.NeedsAssessment;
import org.rjhub.contracts.victimsupport.PreferredContact;
import org.rjhub.contracts.victimsupport.Victim;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.simulator.EssexGeography.District;
import org.rjhub.simulator.EssexGeography.Outward;
import org.rjhub.simulator.Expectation.Kind;
import org.rjhub.simulator.Offences.Offence;

/**
 * A seeded generator of synthetic agency referrals with their ground truth. Every person is invented from
 * small built-in lists; postcodes use real Essex outward codes with random inward codes, and a street follows
 * its postcode ({@link Names#street}); phone numbers come
 * from Ofcom's drama range and email addresses use reserved example domains.
 *
 * <p>Each incident yields a police referral. Some incidents also yield a Victim Support referral for the
 * same victim (same crime reference, the name sometimes mistyped, the postcode sometimes missing) and some a
 * probation referral for the offender (often without the crime reference, the name sometimes a nickname,
 * mistyped or with forename and surname swapped). On top come redeliveries, amendments, invalid referrals,
 * referrals involving a young person and referrals of victims living outside Essex. See {@link SimulatorConfig}.
 *
 * <p>The same seed and configuration always give the same batch.
 */
public final class AgencySimulator {

    private final long seed;
    private final SimulatorConfig config;

    public AgencySimulator(long seed) {
        this(seed, SimulatorConfig.defaults());
    }

    public AgencySimulator(long seed, SimulatorConfig config) {
        this.seed = seed;
        this.config = config;
    }

    /**
     * Generates the referrals of {@code incidents} incidents, in the order the agencies send them.
     *
     * @param incidents number of incidents (at least 0)
     * @return the records and their truth; the same for the same seed, whatever was generated before
     */
    public Batch generate(int incidents) {
        if (incidents < 0) {
            throw new IllegalArgumentException("incidents must not be negative: " + incidents);
        }
        var run = new Run(new SplittableRandom(seed), config);
        for (int n = 1; n <= incidents; n++) {
            run.incident(n);
        }
        return run.finish(seed);
    }

    /** The state of one generate() call. */
    private static final class Run {

        private static final Duration HOUR = Duration.ofHours(1);
        /**
         * The bound of the draw that picks a postcode's street: the size of the street list it once picked from, so
         * that each seed still draws everything else as it did.
         */
        private static final int STREET_DRAW = 20;

        private final RandomGenerator random;
        private final SimulatorConfig config;
        private final Identifiers ids;
        private final LocalDate today;
        private final List<Person> people = new ArrayList<>();
        private final List<Draft> drafts = new ArrayList<>();
        private int provisionalIds;

        Run(RandomGenerator random, SimulatorConfig config) {
            this.random = random;
            this.config = config;
            this.ids = new Identifiers(random);
            this.today = LocalDate.ofInstant(config.referenceTime(), ZoneOffset.UTC);
        }

        void incident(int number) {
            var incidentId = String.format("INC-%05d", number);
            var caseKind = chance(config.neighbourDisputeFraction())
                    ? CaseKind.NEIGHBOUR_DISPUTE
                    : chance(config.asbFraction() / (1 - config.neighbourDisputeFraction()))
                            ? CaseKind.ASB
                            : CaseKind.CRIME;
            var district = Names.pick(random, EssexGeography.districts());
            var incidentDate = today.minusDays(200 + random.nextInt(221));
            var offence = offence(caseKind);
            var domesticAbuse = offence != null
                    && (offence.marker() == Offences.Marker.ALWAYS_DOMESTIC_ABUSE || offence.violent() && chance(0.25));
            var hateCrime = offence != null
                    && (offence.marker() == Offences.Marker.ALWAYS_HATE_CRIME
                            || offence.category() == OffenceCategory.PUBLIC_ORDER_OFFENCES && chance(0.1));

            var victims = new ArrayList<Person>();
            victims.add(adult(district, incidentDate));
            if (chance(0.12)) {
                victims.add(householdMember(victims.get(0), incidentDate));
            }
            var offenders = new ArrayList<Person>();
            int offenderCount = caseKind != CaseKind.CRIME ? 1 : chance(0.05) ? 0 : chance(0.1) ? 2 : 1;
            for (int i = 0; i < offenderCount; i++) {
                offenders.add(offender(caseKind, domesticAbuse && i == 0, victims.get(0), district, incidentDate));
            }

            var stage = caseKind != CaseKind.CRIME
                    ? JusticeStage.OUT_OF_COURT
                    : offenders.isEmpty()
                            ? JusticeStage.NO_FURTHER_ACTION
                            : chance(config.awaitingCourtFraction())
                                    ? JusticeStage.AWAITING_COURT
                                    : chance(0.4) ? JusticeStage.SENTENCED : JusticeStage.OUT_OF_COURT;
            // sentenced before the police referral, or (awaiting court) some weeks after it
            var policeDelayDays = stage == JusticeStage.SENTENCED ? 45 + random.nextInt(46) : 1 + random.nextInt(21);
            var policeSubmitted = at(incidentDate.plusDays(policeDelayDays));
            LocalDate sentenceDate = switch (stage) {
                case SENTENCED -> incidentDate.plusDays(20 + random.nextInt(policeDelayDays - 20));
                case AWAITING_COURT -> dateOf(policeSubmitted).plusDays(20 + random.nextInt(41));
                default -> null;
            };

            var fate = fate();
            String fatePath = null;
            if (fate == Kind.YOUTH) {
                fatePath = makeYouth(victims, offenders, incidentDate);
            } else if (fate == Kind.OUT_OF_AREA) {
                moveOutOfArea(victims, offenders);
                fatePath = "victims[0].address.postcode";
            }

            var crimeReference = offence == null ? null : ids.crimeReference(incidentDate);
            var sensitivity = sensitivity(offence, domesticAbuse, hateCrime);
            var referral = PoliceReferral.newBuilder()
                    .setReferralId(provisionalId())
                    .setCrimeReference(crimeReference)
                    .setOffence(
                            offence == null
                                    ? null
                                    : org.rjhub.contracts.police.Offence.newBuilder()
                                            .setHomeOfficeCode(offence.code())
                                            .setCategory(offence.category())
                                            .setDescription(offence.description())
                                            .build())
                    .setIncidentDate(incidentDate)
                    .setDistrict(district.name())
                    .setAsbFlag(caseKind == CaseKind.ASB)
                    .setNeighbourDispute(caseKind == CaseKind.NEIGHBOUR_DISPUTE)
                    .setJusticeStage(stage)
                    .setVictims(
                            victims.stream().map(p -> party(p, incidentDate)).toList())
                    .setOffenders(
                            offenders.stream().map(p -> party(p, incidentDate)).toList())
                    .setOfficerInCase(officer(district))
                    .setVictimConsentToReferral(true)
                    .setDomesticAbuse(domesticAbuse)
                    .setHateCrime(hateCrime)
                    .setSubmittedAt(policeSubmitted)
                    .build();

            InvalidRule rule = null;
            if (fate == Kind.INVALID) {
                rule = Names.pick(random, List.of(InvalidRule.values()));
                fatePath = breakRule(referral, rule);
            }
            var personIds = new LinkedHashMap<String, String>();
            for (int i = 0; i < victims.size(); i++) {
                personIds.put("victims[" + i + "]", victims.get(i).id);
            }
            for (int i = 0; i < offenders.size(); i++) {
                personIds.put("offenders[" + i + "]", offenders.get(i).id);
            }
            var police = add(new Draft(
                    Agency.POLICE,
                    referral.getReferralId(),
                    referral,
                    policeSubmitted,
                    fate,
                    rule,
                    fatePath,
                    incidentId,
                    personIds,
                    sensitivity,
                    null));
            if (fate != Kind.VALID) {
                return;
            }
            redeliverMaybe(police);

            if (chance(config.victimSupportFraction())) {
                var vs = victimSupport(
                        victims.get(0),
                        offenders,
                        offence,
                        domesticAbuse,
                        hateCrime,
                        crimeReference,
                        incidentDate,
                        policeSubmitted);
                redeliverMaybe(add(new Draft(
                        Agency.VICTIM_SUPPORT,
                        vs.getVsCaseId(),
                        vs,
                        vs.getSubmittedAt(),
                        Kind.VALID,
                        null,
                        null,
                        incidentId,
                        Map.of("victim", victims.get(0).id),
                        sensitivity,
                        null)));
            }

            if (sentenceDate != null && chance(config.probationFraction())) {
                var probation = probation(offenders.get(0), victims.get(0), offence, crimeReference, sentenceDate);
                var probationIds = new LinkedHashMap<String, String>();
                probationIds.put("offender", offenders.get(0).id);
                if (probation.getVictim() != null) {
                    probationIds.put("victim", victims.get(0).id);
                }
                var draft = add(new Draft(
                        Agency.PROBATION,
                        probation.getReferralId(),
                        probation,
                        probation.getSubmittedAt(),
                        Kind.VALID,
                        null,
                        null,
                        incidentId,
                        probationIds,
                        sensitivity,
                        null));
                redeliverMaybe(draft);
                amendProbationMaybe(draft, probation);
            }

            amendPoliceMaybe(police, referral, sentenceDate);
        }

        Batch finish(long seed) {
            drafts.sort(Comparator.comparing((Draft d) -> d.arrival).thenComparingInt(d -> d.sequence));
            assignReferralIds();
            var index = new IdentityHashMap<Draft, Integer>();
            for (int i = 0; i < drafts.size(); i++) {
                index.put(drafts.get(i), i);
            }
            var records = new ArrayList<AgencyRecord>();
            var expectations = new ArrayList<Expectation>();
            var appearances = new HashMap<String, List<PersonRecord.Appearance>>();
            for (int i = 0; i < drafts.size(); i++) {
                var d = drafts.get(i);
                records.add(new AgencyRecord(d.agency, d.agency.topic(), d.key, d.value));
                expectations.add(new Expectation(
                        d.kind,
                        d.rule,
                        d.fieldPath,
                        d.incidentId,
                        d.personIds,
                        d.sensitivity,
                        d.original == null ? null : index.get(d.original)));
                for (var party : d.personIds.entrySet()) {
                    appearances
                            .computeIfAbsent(party.getValue(), id -> new ArrayList<>())
                            .add(new PersonRecord.Appearance(i, d.agency, d.key, party.getKey()));
                }
            }
            var truth = people.stream()
                    .map(p -> new PersonRecord(
                            p.id,
                            p.forename,
                            p.surname,
                            p.dateOfBirth,
                            p.home.postcode(),
                            appearances.getOrDefault(p.id, List.of())))
                    .toList();
            return new Batch(seed, records, expectations, truth);
        }

        /** An id that holds the place of the agency's referral id until the arrival order is known. */
        private String provisionalId() {
            return "provisional-" + (++provisionalIds);
        }

        /** Agencies number their referrals as they send them: ids are given in arrival order. */
        private void assignReferralIds() {
            var assigned = new HashMap<String, String>();
            for (var d : drafts) {
                d.key = assigned.computeIfAbsent(d.key, provisional -> {
                    var year = dateOf(d.arrival).getYear();
                    return switch (d.agency) {
                        case POLICE -> ids.policeReferralId(year);
                        case PROBATION -> ids.probationReferralId(year);
                        case VICTIM_SUPPORT -> ids.vsCaseId();
                    };
                });
                d.value.put(d.value.getSchema().getField(d.agency.idField()).pos(), d.key);
            }
        }

        // ---- the fate of an incident's police referral

        private Kind fate() {
            double u = random.nextDouble();
            if (u < config.invalidFraction()) {
                return Kind.INVALID;
            }
            if (u < config.invalidFraction() + config.youthFraction()) {
                return Kind.YOUTH;
            }
            if (u < config.invalidFraction() + config.youthFraction() + config.outOfAreaFraction()) {
                return Kind.OUT_OF_AREA;
            }
            return Kind.VALID;
        }

        /** Makes a victim or an offender 13 to 16 on the incident date (so still under 18 at referral). */
        private String makeYouth(List<Person> victims, List<Person> offenders, LocalDate incidentDate) {
            var offender = !offenders.isEmpty() && chance(0.6);
            var person = offender ? offenders.get(0) : victims.get(0);
            person.dateOfBirth = incidentDate.minusYears(13 + random.nextInt(4)).minusDays(1 + random.nextInt(300));
            return offender ? "offenders[0].dateOfBirth" : "victims[0].dateOfBirth";
        }

        /** The first victim's household (whoever shares the address) lives just outside the county. */
        private void moveOutOfArea(List<Person> victims, List<Person> offenders) {
            var oldHome = victims.get(0).home;
            var newHome = address(Names.pick(random, EssexGeography.OUT_OF_AREA), null);
            for (var person : concat(victims, offenders)) {
                if (person.home.equals(oldHome)) {
                    person.home = newHome;
                }
            }
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            var all = new ArrayList<T>(a);
            all.addAll(b);
            return all;
        }

        /** Breaks one validation rule in the built referral; returns the path of the broken field. */
        private String breakRule(PoliceReferral referral, InvalidRule rule) {
            return switch (rule) {
                case DATE_OF_BIRTH_IN_FUTURE -> {
                    var offender = !referral.getOffenders().isEmpty() && chance(0.5);
                    var party = offender
                            ? referral.getOffenders().get(0)
                            : referral.getVictims().get(0);
                    party.setDateOfBirth(today.plusYears(1 + random.nextInt(3)).plusDays(random.nextInt(365)));
                    yield (offender ? "offenders[0]" : "victims[0]") + ".dateOfBirth";
                }
                case INCIDENT_DATE_IN_FUTURE -> {
                    referral.setIncidentDate(today.plusDays(30 + random.nextInt(300)));
                    yield "incidentDate";
                }
                case POSTCODE_SYNTAX -> {
                    var address = referral.getVictims().get(0).getAddress();
                    var postcode = address.getPostcode();
                    var space = postcode.indexOf(' ');
                    var outward = postcode.substring(0, space);
                    var inward = postcode.substring(space + 1);
                    address.setPostcode(
                            switch (random.nextInt(3)) {
                                case 0 -> outward + " " + inward.substring(0, 2);
                                case 1 -> outward + " O" + inward.substring(1);
                                default -> outward + " " + inward.charAt(0) + inward;
                            });
                    yield "victims[0].address.postcode";
                }
                case DISTRICT_NOT_IN_ESSEX -> {
                    referral.setDistrict(Names.pick(random, EssexGeography.NOT_ESSEX_DISTRICTS));
                    yield "district";
                }
                case REQUIRED_FIELD_EMPTY -> {
                    var offender = !referral.getOffenders().isEmpty() && chance(0.5);
                    var party = offender
                            ? referral.getOffenders().get(0)
                            : referral.getVictims().get(0);
                    party.setSurname(chance(0.5) ? "" : " ");
                    yield (offender ? "offenders[0]" : "victims[0]") + ".surname";
                }
            };
        }

        // ---- follow-up records

        private VictimSupportReferral victimSupport(
                Person victim,
                List<Person> offenders,
                Offence offence,
                boolean domesticAbuse,
                boolean hateCrime,
                String crimeReference,
                LocalDate incidentDate,
                Instant policeSubmitted) {
            var forename = victim.forename;
            var surname = victim.surname;
            if (chance(config.victimSupportTypoFraction())) {
                if (chance(0.6)) {
                    surname = Names.typo(random, surname);
                } else {
                    forename = Names.hasNickname(forename) && chance(0.5)
                            ? Names.nickname(random, forename)
                            : Names.typo(random, forename);
                }
            }
            var submitted = policeSubmitted
                    .plus(Duration.ofDays(1 + random.nextInt(20)))
                    .plus(Duration.ofMinutes(random.nextInt(600)));
            List<Need> needs = new ArrayList<>();
            var candidates = new ArrayList<>(List.of(Need.values()));
            candidates.remove(Need.OTHER);
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                needs.add(candidates.remove(random.nextInt(candidates.size())));
            }
            needs.sort(Comparator.naturalOrder());
            String offenderName = null;
            if (!offenders.isEmpty() && chance(0.5)) {
                var o = offenders.get(0);
                offenderName = (chance(0.3) ? Names.nickname(random, o.forename) : o.forename) + " " + o.surname;
            }
            return VictimSupportReferral.newBuilder()
                    .setVsCaseId(provisionalId())
                    .setVictim(Victim.newBuilder()
                            .setForename(forename)
                            .setSurname(surname)
                            .setDateOfBirth(chance(0.7) ? victim.dateOfBirth : null)
                            .setPostcode(
                                    chance(config.victimSupportMissingPostcodeFraction())
                                            ? null
                                            : victim.home.postcode())
                            .setPhone(chance(0.8) ? victim.phone : null)
                            .setEmail(chance(0.5) ? victim.email : null)
                            .build())
                    .setNeedsAssessment(NeedsAssessment.newBuilder()
                            .setNeeds(needs)
                            .setSummary(Names.pick(random, NEEDS_SUMMARIES))
                            .setAssessedOn(dateOf(submitted).minusDays(random.nextInt(6)))
                            .build())
                    .setConsentToContact(true)
                    .setPreferredContact(Names.pick(random, List.of(PreferredContact.values())))
                    .setCrimeType(crimeType(offence, domesticAbuse, hateCrime))
                    .setCrimeReference(crimeReference)
                    .setIncidentDate(chance(0.8) ? incidentDate : null)
                    .setOffenderName(offenderName)
                    .setDistrict(victim.home.district())
                    .setSubmittedAt(submitted)
                    .build();
        }

        private ProbationReferral probation(
                Person offender, Person victim, Offence offence, String crimeReference, LocalDate sentenceDate) {
            var forename = offender.forename;
            var surname = offender.surname;
            if (chance(config.probationNameVariationFraction())) {
                switch (random.nextInt(3)) {
                    case 0 ->
                        forename = Names.hasNickname(forename)
                                ? Names.nickname(random, forename)
                                : Names.typo(random, forename);
                    case 1 -> surname = Names.typo(random, surname);
                    default -> {
                        forename = offender.surname;
                        surname = offender.forename;
                    }
                }
            }
            var home = offender.home;
            if (chance(0.2)) {
                home = address(
                        Names.pick(
                                random,
                                Names.pick(random, EssexGeography.districts()).outwardCodes()),
                        null);
            }
            var type = weighted(
                    List.of(
                            SentenceType.COMMUNITY_ORDER,
                            SentenceType.SUSPENDED_SENTENCE,
                            SentenceType.CUSTODY,
                            SentenceType.LICENCE),
                    0.4,
                    0.25,
                    0.2,
                    0.15);
            var district = EssexGeography.districtOfPostcode(home.postcode()).orElseThrow();
            var submitted = at(sentenceDate.plusDays(1 + random.nextInt(30)));
            VictimDetails victimDetails = null;
            if (chance(0.6)) {
                victimDetails = VictimDetails.newBuilder()
                        .setForename(victim.forename)
                        .setSurname(victim.surname)
                        .setDateOfBirth(chance(0.5) ? victim.dateOfBirth : null)
                        .setPostcode(chance(0.5) ? victim.home.postcode() : null)
                        .build();
            }
            var managerForename = Names.forename(random);
            var managerSurname = Names.surname(random);
            return ProbationReferral.newBuilder()
                    .setReferralId(provisionalId())
                    .setCrn(offender.crn())
                    .setPncId(offender.pncId())
                    .setOffender(org.rjhub.contracts.probation.Offender.newBuilder()
                            .setForename(forename)
                            .setSurname(surname)
                            .setDateOfBirth(offender.dateOfBirth)
                            .setAddress(org.rjhub.contracts.probation.Address.newBuilder()
                                    .setLine1(home.line1())
                                    .setLine2(home.line2())
                                    .setTown(home.town())
                                    .setPostcode(home.postcode())
                                    .build())
                            .build())
                    .setOffence(org.rjhub.contracts.probation.Offence.newBuilder()
                            .setHomeOfficeCode(offence.code())
                            .setMainCategory(offence.probationCategory())
                            .setDescription(offence.description())
                            .build())
                    .setCrimeReference(chance(config.probationWithoutCrimeReferenceFraction()) ? null : crimeReference)
                    .setDistrict(district)
                    .setSentence(Sentence.newBuilder()
                            .setType(type)
                            .setSentenceDate(sentenceDate)
                            .setCourt(Names.pick(random, COURTS))
                            .setExpectedReleaseDate(
                                    type == SentenceType.CUSTODY
                                            ? sentenceDate.plusDays(30 + random.nextInt(171))
                                            : null)
                            .build())
                    .setOffenderManager(OffenderManager.newBuilder()
                            .setName(managerForename + " " + managerSurname)
                            .setTeam(district + " PDU Team " + (1 + random.nextInt(4)))
                            .setEmail(emailLocalPart(managerForename, managerSurname) + "@probation.example")
                            .build())
                    .setRiskOfSeriousHarm(weighted(List.of(RiskOfSeriousHarm.values()), 0.4, 0.4, 0.15, 0.05))
                    .setVictim(victimDetails)
                    .setOffenderWillingToParticipate(true)
                    .setSubmittedAt(submitted)
                    .build();
        }

        private void redeliverMaybe(Draft original) {
            if (chance(config.redeliveryFraction())) {
                var copy = copy(original.value);
                add(new Draft(
                        original.agency,
                        original.key,
                        copy,
                        original.arrival.plus(Duration.ofMinutes(1 + random.nextInt(180))),
                        Kind.DUPLICATE_REDELIVERY,
                        null,
                        null,
                        original.incidentId,
                        original.personIds,
                        original.sensitivity,
                        original));
            }
        }

        private void amendPoliceMaybe(Draft original, PoliceReferral referral, LocalDate sentenceDate) {
            if (!chance(config.amendmentFraction())) {
                return;
            }
            var amended = PoliceReferral.newBuilder(referral).build();
            Instant when;
            String path;
            if (referral.getJusticeStage() == JusticeStage.AWAITING_COURT) {
                amended.setJusticeStage(JusticeStage.SENTENCED);
                when = at(sentenceDate.plusDays(1 + random.nextInt(5)));
                path = "justiceStage";
            } else {
                when = referral.getSubmittedAt().plus(Duration.ofDays(3 + random.nextInt(38)));
                var victim = amended.getVictims().get(0);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        var phone = victim.getContact().getPhone();
                        var newPhone = ids.phone();
                        while (newPhone.equals(phone)) {
                            newPhone = ids.phone();
                        }
                        victim.getContact().setPhone(newPhone);
                        path = "victims[0].contact.phone";
                    }
                    case 1 -> {
                        var officer = officer(
                                EssexGeography.district(referral.getDistrict()).orElseThrow());
                        amended.setOfficerInCase(officer);
                        path = "officerInCase";
                    }
                    default -> {
                        var vulnerabilities = new ArrayList<>(victim.getVulnerabilities());
                        if (!vulnerabilities.remove(Vulnerability.INTIMIDATED)) {
                            vulnerabilities.add(Vulnerability.INTIMIDATED);
                        }
                        victim.setVulnerabilities(vulnerabilities);
                        path = "victims[0].vulnerabilities";
                    }
                }
            }
            amended.setSubmittedAt(when);
            add(new Draft(
                    Agency.POLICE,
                    original.key,
                    amended,
                    when,
                    Kind.AMENDMENT,
                    null,
                    path,
                    original.incidentId,
                    original.personIds,
                    original.sensitivity,
                    original));
        }

        /** A person released from custody: probation resends the referral with the sentence now LICENCE. */
        private void amendProbationMaybe(Draft original, ProbationReferral referral) {
            var release = referral.getSentence().getExpectedReleaseDate();
            if (release == null || !release.plusDays(11).isBefore(today) || !chance(config.amendmentFraction() * 4)) {
                return;
            }
            var when = at(release.plusDays(1 + random.nextInt(10)));
            if (!when.isAfter(referral.getSubmittedAt())) {
                when = referral.getSubmittedAt().plus(Duration.ofDays(1));
            }
            var amended = ProbationReferral.newBuilder(referral).build();
            amended.getSentence().setType(SentenceType.LICENCE);
            amended.setSubmittedAt(when);
            add(new Draft(
                    Agency.PROBATION,
                    original.key,
                    amended,
                    when,
                    Kind.AMENDMENT,
                    null,
                    "sentence.type",
                    original.incidentId,
                    original.personIds,
                    original.sensitivity,
                    original));
        }

        // ---- people and their records

        private Person adult(District district, LocalDate onDate) {
            var forename = Names.forename(random);
            var surname = Names.surname(random);
            var dob = onDate.minusYears(19 + random.nextInt(62)).minusDays(random.nextInt(365));
            var person = new Person(
                    "P-" + String.format("%06d", people.size() + 1),
                    forename,
                    surname,
                    dob,
                    address(Names.pick(random, district.outwardCodes()), district.name()));
            person.phone = ids.phone();
            person.email = emailLocalPart(forename, surname) + (10 + random.nextInt(90)) + "@"
                    + Names.pick(random, List.of("example.com", "example.org", "example.net"));
            people.add(person);
            return person;
        }

        private Person householdMember(Person first, LocalDate onDate) {
            var member = adult(EssexGeography.district(first.home.district()).orElseThrow(), onDate);
            member.surname = first.surname;
            member.home = first.home;
            return member;
        }

        private Person offender(CaseKind kind, boolean domestic, Person victim, District district, LocalDate onDate) {
            var home = EssexGeography.district(victim.home.district()).orElse(district);
            var offender = adult(chance(0.7) ? home : Names.pick(random, EssexGeography.districts()), onDate);
            if (domestic && chance(0.5)) {
                offender.home = victim.home;
            } else if (kind == CaseKind.NEIGHBOUR_DISPUTE) {
                // next door: same street and postcode, another house number
                var number = Integer.parseInt(
                        victim.home.line1().substring(0, victim.home.line1().indexOf(' ')));
                var street = victim.home.line1().substring(victim.home.line1().indexOf(' ') + 1);
                offender.home = new Home(
                        (number + 2) + " " + street,
                        victim.home.line2(),
                        victim.home.town(),
                        victim.home.postcode(),
                        victim.home.district());
            }
            return offender;
        }

        private Party party(Person person, LocalDate incidentDate) {
            var method =
                    weighted(List.of(ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.LETTER), 0.6, 0.25, 0.15);
            var vulnerabilities = new ArrayList<Vulnerability>();
            if (incidentDate.minusYears(75).isAfter(person.dateOfBirth)) {
                vulnerabilities.add(Vulnerability.ELDERLY);
            }
            if (chance(0.2)) {
                var extra = Names.pick(
                        random,
                        List.of(
                                Vulnerability.MENTAL_HEALTH,
                                Vulnerability.LEARNING_DISABILITY,
                                Vulnerability.PHYSICAL_DISABILITY,
                                Vulnerability.INTIMIDATED,
                                Vulnerability.PERSISTENTLY_TARGETED,
                                Vulnerability.LANGUAGE_NEEDS));
                vulnerabilities.add(extra);
            }
            return Party.newBuilder()
                    .setForename(person.forename)
                    .setSurname(person.surname)
                    .setDateOfBirth(person.dateOfBirth)
                    .setAddress(Address.newBuilder()
                            .setLine1(person.home.line1())
                            .setLine2(person.home.line2())
                            .setTown(person.home.town())
                            .setPostcode(person.home.postcode())
                            .build())
                    .setContact(ContactPreferences.newBuilder()
                            .setPreferredMethod(method)
                            .setPhone(method == ContactMethod.PHONE || chance(0.8) ? person.phone : null)
                            .setEmail(method == ContactMethod.EMAIL || chance(0.4) ? person.email : null)
                            .build())
                    .setVulnerabilities(vulnerabilities)
                    .build();
        }

        private OfficerInCase officer(District district) {
            var rank = Names.pick(random, List.of("PC", "PC", "DC", "PS"));
            return OfficerInCase.newBuilder()
                    .setCollarNumber(ids.collarNumber())
                    .setName(rank + " " + Names.forename(random).charAt(0) + ". " + Names.surname(random))
                    .setStation(district.policeStation())
                    .build();
        }

        private Home address(Outward outward, String district) {
            var inward = "" + random.nextInt(10) + letter() + letter();
            var line2 = chance(0.2) ? Names.pick(random, Names.LOCALITIES) : null;
            var postcode = outward.code() + " " + inward;
            return new Home(
                    (1 + random.nextInt(150)) + " " + Names.street(postcode, random.nextInt(STREET_DRAW)),
                    line2,
                    outward.town(),
                    postcode,
                    district);
        }

        private char letter() {
            return EssexGeography.INWARD_LETTERS.charAt(random.nextInt(EssexGeography.INWARD_LETTERS.length()));
        }

        private Offence offence(CaseKind kind) {
            return switch (kind) {
                case CRIME -> Offences.drawCrime(random);
                case ASB -> chance(0.5) ? null : Names.pick(random, Offences.ASB_CRIMES);
                case NEIGHBOUR_DISPUTE -> chance(0.7) ? null : Offences.NEIGHBOUR_HARASSMENT;
            };
        }

        /** The flags the hub should derive: force markers plus what the offence category implies. */
        private static List<SensitivityFlag> sensitivity(Offence offence, boolean domesticAbuse, boolean hateCrime) {
            var flags = EnumSet.noneOf(SensitivityFlag.class);
            if (domesticAbuse) {
                flags.add(SensitivityFlag.DOMESTIC_ABUSE);
            }
            if (hateCrime) {
                flags.add(SensitivityFlag.HATE_CRIME);
            }
            if (offence != null) {
                switch (offence.category()) {
                    case SEXUAL_OFFENCES -> flags.add(SensitivityFlag.SEXUAL_OFFENCE);
                    case STALKING_AND_HARASSMENT -> flags.add(SensitivityFlag.STALKING);
                    case MODERN_SLAVERY -> flags.add(SensitivityFlag.TRAFFICKING);
                    default -> {
                        // no flag from the category
                    }
                }
            }
            return List.copyOf(flags);
        }

        private static CrimeType crimeType(Offence offence, boolean domesticAbuse, boolean hateCrime) {
            if (domesticAbuse) {
                return CrimeType.DOMESTIC_ABUSE;
            }
            if (hateCrime) {
                return CrimeType.HATE_CRIME;
            }
            return offence == null ? CrimeType.ANTI_SOCIAL_BEHAVIOUR : offence.crimeType();
        }

        // ---- helpers

        private Draft add(Draft draft) {
            draft.sequence = drafts.size();
            drafts.add(draft);
            return draft;
        }

        private boolean chance(double probability) {
            return random.nextDouble() < probability;
        }

        private <T> T weighted(List<T> items, double... weights) {
            double x = random.nextDouble() * java.util.Arrays.stream(weights).sum();
            for (int i = 0; i < items.size(); i++) {
                x -= weights[i];
                if (x < 0) {
                    return items.get(i);
                }
            }
            return items.get(items.size() - 1);
        }

        /** A time on the given day, during office hours (UK, taken as UTC), before the reference time. */
        private Instant at(LocalDate day) {
            var time = day.atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plus(Duration.ofMinutes(8 * 60 + random.nextInt(9 * 60)));
            var latest = config.referenceTime().minus(HOUR);
            return time.isAfter(latest) ? latest.minus(Duration.ofMinutes(random.nextInt(600))) : time;
        }

        private static LocalDate dateOf(Instant instant) {
            return LocalDate.ofInstant(instant, ZoneOffset.UTC);
        }

        private int pncYear() {
            return 2000 + random.nextInt(today.getYear() - 2000);
        }

        private static String emailLocalPart(String forename, String surname) {
            return (forename + "." + surname).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        }

        private static <T extends SpecificRecord> T copy(T value) {
            return SpecificData.getForSchema(value.getSchema()).deepCopy(value.getSchema(), value);
        }

        private static final List<String> COURTS = List.of(
                "Chelmsford Crown Court",
                "Basildon Crown Court",
                "Southend Crown Court",
                "Chelmsford Magistrates' Court",
                "Colchester Magistrates' Court",
                "Southend Magistrates' Court");

        private static final List<String> NEEDS_SUMMARIES = List.of(
                "Victim is anxious about leaving home since the incident and wants to understand why it happened.",
                "Victim would like the person responsible to know the impact on the family.",
                "Victim has had trouble sleeping and asked about meeting the person responsible.",
                "Victim feels unsafe in the area and wants reassurance that it will not happen again.",
                "Victim wants to ask questions that the court process did not answer.");

        /** A synthetic person: the truth behind what the agencies record. */
        private final class Person {
            final String id;
            final String forename;
            String surname;
            LocalDate dateOfBirth;
            Home home;
            String phone;
            String email;
            private String crn;
            private String pncId;
            private boolean pncKnown;

            Person(String id, String forename, String surname, LocalDate dateOfBirth, Home home) {
                this.id = id;
                this.forename = forename;
                this.surname = surname;
                this.dateOfBirth = dateOfBirth;
                this.home = home;
            }

            String crn() {
                if (crn == null) {
                    crn = ids.crn();
                }
                return crn;
            }

            String pncId() {
                if (!pncKnown) {
                    pncKnown = true;
                    pncId = chance(0.9) ? ids.pncId(pncYear()) : null;
                }
                return pncId;
            }
        }
    }

    private enum CaseKind {
        CRIME,
        ASB,
        NEIGHBOUR_DISPUTE
    }

    /** An address with the district it is in (null outside Essex). */
    private record Home(String line1, String line2, String town, String postcode, String district) {}

    /** A record in the making, with its truth. */
    private static final class Draft {
        final Agency agency;
        String key;
        final SpecificRecord value;
        final Instant arrival;
        final Kind kind;
        final InvalidRule rule;
        final String fieldPath;
        final String incidentId;
        final Map<String, String> personIds;
        final List<SensitivityFlag> sensitivity;
        final Draft original;
        int sequence;

        Draft(
                Agency agency,
                String key,
                SpecificRecord value,
                Instant arrival,
                Kind kind,
                InvalidRule rule,
                String fieldPath,
                String incidentId,
                Map<String, String> personIds,
                List<SensitivityFlag> sensitivity,
                Draft original) {
            this.agency = agency;
            this.key = key;
            this.value = value;
            this.arrival = arrival;
            this.kind = kind;
            this.rule = rule;
            this.fieldPath = fieldPath;
            this.incidentId = incidentId;
            this.personIds = Collections.unmodifiableMap(new LinkedHashMap<>(personIds));
            this.sensitivity = sensitivity;
            this.original = original;
        }
    }
}
