package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.linker.evaluation.LinkageEvaluation;
import org.rjhub.matching.CaseIds;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;

/**
 * {@code hub link police.json probation.json victimsupport.json}: the simulator's agency files linked into cases and
 * persons, judged against the simulator's truth (each record's incident, each party's person).
 */
class LinkCommandReferralTest {

    /** Incidents of the batch the quality is measured on. */
    private static final int INCIDENTS = 400;

    @TempDir
    Path dir;

    /** A small batch, as the demo publishes. */
    private final Batch batch = new AgencySimulator(7).generate(40);

    private Map<Agency, Path> files;

    @BeforeEach
    void writeEachAgencysFile() {
        files = write(batch, dir);
    }

    @Test
    void shouldLinkPoliceAndVictimSupportReferralsForTheSameCrime() throws IOException {
        // When
        CommandRun run =
                CommandRun.of(files.get(Agency.POLICE), files.get(Agency.PROBATION), files.get(Agency.VICTIM_SUPPORT));

        // Then: every Victim Support referral is in the case of the police referral with its crime reference
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Row> rows = rows(run.outLines());
        Map<String, String> policeByCrime = new HashMap<>();
        for (int i : batch.indexesOf(Agency.POLICE)) {
            String crime = ((PoliceReferral) batch.record(i).value()).getCrimeReference();
            if (crime != null) {
                policeByCrime.put(crime, hubId(batch.record(i)));
            }
        }
        int linked = 0;
        for (int i : batch.indexesOf(Agency.VICTIM_SUPPORT)) {
            String crime = ((VictimSupportReferral) batch.record(i).value()).getCrimeReference();
            String police = policeByCrime.get(crime);
            if (police != null) {
                assertThat(rows.get(hubId(batch.record(i))).caseId())
                        .isEqualTo(rows.get(police).caseId());
                linked++;
            }
        }
        assertThat(linked)
                .as("Victim Support referrals sharing a police crime reference")
                .isPositive();
    }

    @Test
    void shouldGroupReferralsIntoCasesThatMatchTheSimulatorsIncidents(@TempDir Path larger) throws IOException {
        // Given enough incidents for the figures to mean something: police referrals, Victim Support for some
        // victims (names mistyped, postcodes missing), probation for some offenders (no crime reference, nicknames,
        // swapped names, a new address), redeliveries and amendments
        Batch large = new AgencySimulator(7).generate(INCIDENTS);
        Map<Agency, Path> largeFiles = write(large, larger);

        // When
        CommandRun run = CommandRun.of(
                largeFiles.get(Agency.POLICE), largeFiles.get(Agency.PROBATION), largeFiles.get(Agency.VICTIM_SUPPORT));

        // Then: one row per referral id (redeliveries and amendments count once), named cases
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Row> rows = rows(run.outLines());
        Map<String, String> incidentOf = new HashMap<>();
        Map<String, String> truePersonOf = new HashMap<>();
        for (int i = 0; i < large.size(); i++) {
            AgencyRecord record = large.record(i);
            incidentOf.put(hubId(record), large.expectation(i).incidentId());
            List<CanonicalParty> parties = canonical(record).getParties();
            for (int p = 0; p < parties.size(); p++) {
                truePersonOf.put(
                        hubId(record) + "#" + p,
                        large.expectation(i).personIds().get(parties.get(p).getSourcePath()));
            }
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(incidentOf.keySet());
        assertThat(rows.values()).allSatisfy(row -> assertThat(row.caseId()).matches("RJ-[0-9A-F]{10}"));

        Map<String, String> caseOf = new HashMap<>();
        Map<String, String> personOf = new HashMap<>();
        rows.forEach((hubId, row) -> {
            caseOf.put(hubId, row.caseId());
            for (int p = 0; p < row.personIds().size(); p++) {
                personOf.put(hubId + "#" + p, row.personIds().get(p));
            }
        });
        LinkageEvaluation.Figures cases = LinkageEvaluation.evaluate(caseOf, incidentOf::get);
        LinkageEvaluation.Figures persons = LinkageEvaluation.evaluate(personOf, truePersonOf::get);
        System.out.println("Simulator, " + INCIDENTS + " incidents: cases against incidents: " + describe(cases));
        System.out.println("Simulator, " + INCIDENTS + " incidents: persons against people: " + describe(persons));
        assertThat(truePersonOf).doesNotContainValue(null);
        assertThat(cases.precision()).as("cases: " + describe(cases)).isGreaterThanOrEqualTo(0.98);
        assertThat(cases.recall()).as("cases: " + describe(cases)).isGreaterThanOrEqualTo(0.95);
        assertThat(persons.precision()).as("persons: " + describe(persons)).isGreaterThanOrEqualTo(0.98);
        assertThat(persons.recall()).as("persons: " + describe(persons)).isGreaterThanOrEqualTo(0.85);
        assertThat(run.figure("referrals")).startsWith(rows.size() + " (").contains("superseded");
        assertThat(run.figure("cases"))
                .isEqualTo(String.valueOf(
                        rows.values().stream().map(Row::caseId).distinct().count()));
    }

    @Test
    void shouldNameACaseAfterItsSmallestHubReferralIdWhateverTheOrderOfTheFiles() {
        // When
        CommandRun forwards =
                CommandRun.of(files.get(Agency.POLICE), files.get(Agency.PROBATION), files.get(Agency.VICTIM_SUPPORT));
        CommandRun backwards =
                CommandRun.of(files.get(Agency.VICTIM_SUPPORT), files.get(Agency.PROBATION), files.get(Agency.POLICE));

        // Then
        assertThat(backwards.out()).isEqualTo(forwards.out());
        Map<String, List<String>> members = new HashMap<>();
        rows(forwards.outLines())
                .forEach((hubId, row) -> members.computeIfAbsent(row.caseId(), c -> new ArrayList<>())
                        .add(hubId));
        members.forEach((caseId, hubIds) -> assertThat(caseId)
                .isEqualTo(CaseIds.of(hubIds.stream().sorted().findFirst().orElseThrow())));
    }

    @Test
    void shouldTakeTheAgencyFromTheOptionAsFromTheFields() throws IOException {
        // Given the police file under a name that says nothing
        Path renamed = Files.copy(files.get(Agency.POLICE), dir.resolve("export.json"));

        // When
        CommandRun detected = CommandRun.of(renamed);
        CommandRun told = CommandRun.of("--agency", "police", renamed);

        // Then
        assertThat(detected.exitCode()).as(detected.err()).isZero();
        assertThat(told.out()).isEqualTo(detected.out());
        assertThat(detected.outLines().get(0)).isEqualTo("agency,agency_referral_id,case_id,person_ids");
        assertThat(detected.outLines().subList(1, detected.outLines().size()))
                .allMatch(line -> line.startsWith("POLICE,"));
    }

    /** One output row. */
    private record Row(String agency, String agencyReferralId, String caseId, List<String> personIds) {}

    /** Output rows by hub referral id. */
    private static Map<String, Row> rows(List<String> lines) {
        assertThat(lines.get(0)).isEqualTo("agency,agency_referral_id,case_id,person_ids");
        Map<String, Row> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertThat(v).hasSize(4);
            Row row = new Row(v[0], v[1], v[2], v[3].isEmpty() ? List.of() : List.of(v[3].split(";")));
            assertThat(rows.put(row.agency() + "/" + row.agencyReferralId(), row))
                    .as("one row per referral")
                    .isNull();
        }
        return rows;
    }

    private static String hubId(AgencyRecord record) {
        return CanonicalMapper.hubReferralId(record.agency().sourceAgency(), record.key());
    }

    private static Referral canonical(AgencyRecord record) {
        return switch (record.agency()) {
            case POLICE ->
                CanonicalMapper.police((PoliceReferral) record.value(), Instant.EPOCH)
                        .referral();
            case PROBATION ->
                CanonicalMapper.probation((ProbationReferral) record.value(), Instant.EPOCH)
                        .referral();
            case VICTIM_SUPPORT ->
                CanonicalMapper.victimSupport((VictimSupportReferral) record.value(), Instant.EPOCH)
                        .referral();
        };
    }

    private static String describe(LinkageEvaluation.Figures f) {
        return String.format(
                Locale.ROOT,
                "precision %.3f, recall %.3f, F1 %.3f (%d true pairs, %d linked, %d correct)",
                f.precision(),
                f.recall(),
                f.f1(),
                f.truePairs(),
                f.predictedPairs(),
                f.correctPairs());
    }

    /** Each agency's records of the batch in its own file, named as the agency names it. */
    private static Map<Agency, Path> write(Batch batch, Path dir) {
        Map<Agency, Path> files = new HashMap<>();
        for (Agency agency : Agency.values()) {
            List<SpecificRecord> records = batch.indexesOf(agency).stream()
                    .map(i -> batch.record(i).value())
                    .toList();
            files.put(agency, dir.resolve(agency.fileName()));
            write(AgencyJson.forAgency(agency), records, files.get(agency));
        }
        return files;
    }

    private static <T extends SpecificRecord> void write(AgencyJson<T> json, List<SpecificRecord> records, Path file) {
        json.write(records.stream().map(json.type()::cast).toList(), file);
    }
}
