package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.MatchResult;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.SimulatorConfig;

/**
 * Members are normalised once, when the referral's probes are made, and compared as stored: the comparison must give
 * bit-identical weights, the same decisions and the same blocking keys as normalising both people for every pair (the
 * earlier path, still used for members stored by an earlier release). Over the FEBRL sets (the linker's test
 * resources, synthetic) and the simulator's referrals, raw as the agencies send them.
 */
class NormalisedMemberTest {

    private static final PersonMatcher MATCHER = PersonMatcher.withDefaults();
    private static final Path FEBRL = Path.of("..", "linker", "src", "test", "resources", "febrl");

    @Test
    void shouldScoreFebrlPairsBitForBitAsBefore() throws IOException {
        List<BlockProbe.Member> asGiven = new ArrayList<>();
        asGiven.addAll(febrl(FEBRL.resolve("dataset1.csv")));
        asGiven.addAll(febrl(FEBRL.resolve("dataset2.csv")));

        assertSameScores(asGiven, 40_000);
    }

    @Test
    void shouldScoreSimulatedReferralPairsBitForBitAsBefore() {
        List<BlockProbe.Member> asGiven = new ArrayList<>();
        // the simulator's default mix: typos, swapped names, missing fields, punctuation, spacing
        for (AgencyRecord r : new AgencySimulator(17, SimulatorConfig.defaults().cleanOnly())
                .generate(400)
                .records()) {
            ReferralSummary summary = ReferralSummary.of(canonical(r).referral());
            for (int i = 0; i < summary.parties().size(); i++) {
                var p = summary.parties().get(i);
                asGiven.add(new BlockProbe.Member(
                        summary.hubReferralId(),
                        i,
                        p.role(),
                        p.forename(),
                        p.surname(),
                        p.dateOfBirth(),
                        p.postcode(),
                        p.addressLine(),
                        false));
            }
        }

        assertSameScores(asGiven, 40_000);
    }

    @Test
    void shouldStoreThePartiesOfAProbeNormalisedOnce() {
        ReferralSummary summary = ReferralSummary.of(
                canonical(new AgencySimulator(3, SimulatorConfig.defaults().cleanOnly())
                                .generate(5)
                                .record(0))
                        .referral());

        ReferralBlocking.keys(summary).values().stream()
                .flatMap(List::stream)
                .forEach(m -> assertThat(m.normalised()).isTrue());
    }

    /**
     * Each member as given (normalised on every read, the earlier path) against the same member normalised once: the
     * same person, the same keys, and for {@code pairs} random pairs plus every pair sharing a blocking key among the
     * first thousand, bit-identical weights and the same decision.
     */
    private static void assertSameScores(List<BlockProbe.Member> asGiven, int pairs) {
        List<BlockProbe.Member> once =
                asGiven.stream().map(NormalisedMemberTest::normalisedOnce).toList();
        for (int i = 0; i < asGiven.size(); i++) {
            assertThat(once.get(i).person()).isEqualTo(asGiven.get(i).person());
            assertThat(BlockingKeys.of(once.get(i).person()))
                    .isEqualTo(BlockingKeys.of(asGiven.get(i).person()));
        }
        SplittableRandom random = new SplittableRandom(2026);
        int compared = 0;
        for (int n = 0; n < pairs; n++) {
            int a = random.nextInt(asGiven.size());
            int b = n % 5 == 0 ? Math.min(asGiven.size() - 1, a + 1) : random.nextInt(asGiven.size());
            MatchResult before =
                    MATCHER.score(asGiven.get(a).person(), asGiven.get(b).person());
            MatchResult after = MATCHER.score(once.get(a).person(), once.get(b).person());
            assertThat(Double.doubleToRawLongBits(after.weight()))
                    .as("pair %d/%d", a, b)
                    .isEqualTo(Double.doubleToRawLongBits(before.weight()));
            assertThat(after.decision()).isEqualTo(before.decision());
            compared++;
        }
        assertThat(compared).isEqualTo(pairs);
    }

    private static BlockProbe.Member normalisedOnce(BlockProbe.Member given) {
        return BlockProbe.Member.of(
                given.hubReferralId(),
                given.partyIndex(),
                given.role(),
                new PersonRecord(
                        given.hubReferralId() + "#" + given.partyIndex(),
                        given.forename(),
                        given.surname(),
                        given.dateOfBirth(),
                        given.postcode(),
                        given.addressLine()));
    }

    /** FEBRL rows as the agencies might send them: the house number and street as one address line. */
    private static List<BlockProbe.Member> febrl(Path csv) throws IOException {
        List<BlockProbe.Member> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            out.add(new BlockProbe.Member(
                    f[0].strip(), 0, "VICTIM", f[1], f[2], date(f[9].strip()), f[7], f[3] + " " + f[4], false));
        }
        return out;
    }

    private static LocalDate date(String yyyymmdd) {
        try {
            return yyyymmdd.isEmpty() ? null : LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null; // FEBRL corrupts some dates into impossible ones: unknown, as the linker reads them
        }
    }

    /** The simulated record mapped as the intake maps it (also for {@link BlockMembersTest}). */
    static Intake canonical(AgencyRecord r) {
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        return switch (r.agency()) {
            case POLICE -> CanonicalMapper.police((PoliceReferral) r.value(), at);
            case PROBATION -> CanonicalMapper.probation((ProbationReferral) r.value(), at);
            case VICTIM_SUPPORT -> CanonicalMapper.victimSupport((VictimSupportReferral) r.value(), at);
        };
    }
}
