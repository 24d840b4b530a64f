package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.contracts.police.Address;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.matching.Decision;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;

/**
 * The router's case rules through {@code hub link}: parties link referrals only in compatible roles, a neighbour
 * dispute's other party links in any role, and the parties of one referral are never one person. Invented people.
 */
class LinkCommandCaseRulesTest {

    private static final Batch BATCH = new AgencySimulator(7).generate(5);

    @TempDir
    Path dir;

    private final Party template = ((PoliceReferral)
                    BATCH.record(BATCH.indexesOf(Agency.POLICE).get(0)).value())
            .getVictims()
            .get(0);

    private final Party charlotte = party("Charlotte", "Pennywhistle", "1964-12-18", "12 Larkspur Road", "CM20 1AB");
    private final Party chloe = party("Chloe", "Pennywhistle", "1987-09-16", "12 Larkspur Road", "CM20 1AB");
    private final Party tobin = party("Tobin", "Marchbank", "1979-11-02", "4 Quarry Lane", "SS1 2QT");
    private final Party ines = party("Ines", "Farrowdale", "1990-06-30", "7 Mill Street", "CO1 1XY");
    private final Party kwame = party("Kwame", "Oduya", "1975-02-14", "9 Station Road", "CM2 0AA");
    private final Party rosa = party("Rosa", "Quillfeather", "2001-08-05", "3 Bridge Street", "CO7 9ZZ");

    @Test
    void shouldNeverMakeTwoPartiesOfOneReferralOnePerson() {
        // Given a mother and daughter at one address whose names and address score MATCH, victims in one referral
        assertThat(PersonMatcher.withDefaults()
                        .score(record("x", charlotte), record("y", chloe))
                        .decision())
                .isEqualTo(Decision.MATCH);
        Path file = police(referral("PR-T-1", "42/00001/26", false, List.of(charlotte, chloe), List.of(tobin)));

        // When
        CommandRun run = CommandRun.of(file);

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows(run).get("PR-T-1").personIds())
                .containsExactly("POLICE/PR-T-1#0", "POLICE/PR-T-1#1", "POLICE/PR-T-1#2");
    }

    @Test
    void shouldKnowAPersonInAnotherRoleWithoutLinkingTheCases() {
        // Given Tobin offends in one incident and is the victim in another, with other crime references
        Path file = police(
                referral("PR-T-1", "42/00001/26", false, List.of(ines), List.of(tobin)),
                referral("PR-T-2", "42/00002/26", false, List.of(tobin), List.of(kwame)));

        // When
        CommandRun run = CommandRun.of(file);

        // Then: one person, two cases
        Map<String, Row> rows = rows(run);
        assertThat(rows.get("PR-T-1").personIds().get(1))
                .isEqualTo(rows.get("PR-T-2").personIds().get(0));
        assertThat(rows.get("PR-T-1").caseId()).isNotEqualTo(rows.get("PR-T-2").caseId());
    }

    @Test
    void shouldLinkTheSamePersonInTheSameRoleAndTheOtherPartyInAnyRole() {
        // Given Tobin offends twice, and is the other party of a neighbour dispute
        Path file = police(
                referral("PR-T-1", "42/00001/26", false, List.of(ines), List.of(tobin)),
                referral("PR-T-2", "42/00002/26", false, List.of(kwame), List.of(tobin)),
                referral("PR-T-3", null, true, List.of(charlotte), List.of(tobin)),
                referral("PR-T-4", null, false, List.of(rosa), List.of()));

        // When
        CommandRun run = CommandRun.of(file);

        // Then
        Map<String, Row> rows = rows(run);
        assertThat(rows.get("PR-T-2").caseId()).isEqualTo(rows.get("PR-T-1").caseId());
        assertThat(rows.get("PR-T-3").caseId()).isEqualTo(rows.get("PR-T-1").caseId());
        assertThat(rows.get("PR-T-4").caseId()).isNotEqualTo(rows.get("PR-T-1").caseId());
        assertThat(run.figure("cases")).isEqualTo("2");
    }

    @Test
    void shouldFollowAPersonsDecisionAboutTwoParties() {
        // Given Tobin offends twice, and a person says the two offenders are different people
        Path file = police(
                referral("PR-T-1", "42/00001/26", false, List.of(ines), List.of(tobin)),
                referral("PR-T-2", "42/00002/26", false, List.of(kwame), List.of(tobin)));

        // When
        CommandRun run = CommandRun.of(file, "--keep-apart", "POLICE/PR-T-1#1,POLICE/PR-T-2#1");

        // Then
        Map<String, Row> rows = rows(run);
        assertThat(rows.get("PR-T-1").personIds()).containsExactly("POLICE/PR-T-1#0", "POLICE/PR-T-1#1");
        assertThat(rows.get("PR-T-2").personIds()).containsExactly("POLICE/PR-T-2#0", "POLICE/PR-T-2#1");
        assertThat(rows.get("PR-T-2").caseId()).isNotEqualTo(rows.get("PR-T-1").caseId());
    }

    @Test
    void shouldLinkReferralsSharingACrimeReferenceWrittenDifferently() {
        // Given two referrals about the same crime, nobody in common
        Path file = police(
                referral("PR-T-1", "42/00001/26", false, List.of(ines), List.of(tobin)),
                referral("PR-T-2", " 42/00001/26 ", false, List.of(kwame), List.of()));

        // When
        Map<String, Row> rows = rows(CommandRun.of(file));

        // Then
        assertThat(rows.get("PR-T-2").caseId()).isEqualTo(rows.get("PR-T-1").caseId());
    }

    private record Row(String caseId, List<String> personIds) {}

    private static Map<String, Row> rows(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Row> rows = new HashMap<>();
        for (String line : run.outLines().subList(1, run.outLines().size())) {
            String[] v = line.split(",", -1);
            rows.put(v[1], new Row(v[2], v[3].isEmpty() ? List.of() : List.of(v[3].split(";"))));
        }
        return rows;
    }

    private Path police(PoliceReferral... referrals) {
        Path file = dir.resolve("police.json");
        AgencyJson.police().write(List.of(referrals), file);
        return file;
    }

    private PoliceReferral referral(
            String id, String crimeReference, boolean neighbourDispute, List<Party> victims, List<Party> offenders) {
        PoliceReferral base = (PoliceReferral)
                BATCH.record(BATCH.indexesOf(Agency.POLICE).get(0)).value();
        return PoliceReferral.newBuilder(base)
                .setReferralId(id)
                .setCrimeReference(crimeReference)
                .setNeighbourDispute(neighbourDispute)
                .setVictims(victims)
                .setOffenders(offenders)
                .build();
    }

    private Party party(String forename, String surname, String dateOfBirth, String line1, String postcode) {
        return Party.newBuilder(template)
                .setForename(forename)
                .setSurname(surname)
                .setDateOfBirth(LocalDate.parse(dateOfBirth))
                .setAddress(Address.newBuilder(template.getAddress())
                        .setLine1(line1)
                        .setPostcode(postcode)
                        .build())
                .build();
    }

    private static PersonRecord record(String id, Party p) {
        return PersonRecord.normalised(
                id,
                p.getForename(),
                p.getSurname(),
                p.getDateOfBirth(),
                p.getAddress().getPostcode(),
                p.getAddress().getLine1());
    }
}
