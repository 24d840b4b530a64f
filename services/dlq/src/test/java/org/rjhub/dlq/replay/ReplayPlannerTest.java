package org.rjhub.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.replay.ReplayPlanner.Refusal;
import org.rjhub.dlq.replay.ReplayPlanner.Refused;
import org.rjhub.dlq.replay.ReplayPlanner.Replay;

class ReplayPlannerTest {

    private static final UnaryOperator<String> NAMING = UnaryOperator.identity();

    private final DeadLetterEntry postcode =
            Samples.entry(0, 3, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-2026-001917");
    private final DeadLetterEntry district =
            Samples.entry(1, 5, "DISTRICT_NOT_IN_ESSEX", SourceAgency.POLICE, "PR-2026-001918");
    private final DeadLetterEntry unreadable = Samples.entry(
            2,
            8,
            "UNREADABLE_RECORD",
            SourceAgency.POLICE,
            "PR-2026-001919",
            new byte[] {1, 2, 3},
            Instant.parse("2026-03-01T10:00:00Z"));

    private static PoliceReferral police(String id) {
        PoliceReferral r = PoliceReferral.newBuilder(
                        (PoliceReferral) Samples.records(Agency.POLICE).get(0))
                .build();
        r.setReferralId(id);
        return r;
    }

    private static Optional<Edits> edits(SpecificRecord... records) {
        return Optional.of(new Edits(Agency.POLICE, List.of(records), "fixes.json"));
    }

    @Test
    void shouldReplayEachDeadLetterAsItWasWhenNoneWasReplayedBefore() {
        var plan =
                ReplayPlanner.plan(List.of(postcode, district), ReplayHistory.empty(), false, Optional.empty(), NAMING);

        assertThat(plan.replays()).extracting(Replay::entry).containsExactly(postcode, district);
        assertThat(plan.replays()).allSatisfy(r -> {
            assertThat(r.edited()).isEmpty();
            assertThat(r.forced()).isFalse();
        });
        assertThat(plan.refusals()).isEmpty();
    }

    @Test
    void shouldRefuseToReplayUnreadableBytesOrAnExcerptAsTheyWere() {
        List<DeadLetterEntry> unreadables = new java.util.ArrayList<>();
        for (String rule :
                List.of("NOT_WIRE_FORMAT", "UNKNOWN_SCHEMA_ID", "WRONG_SCHEMA", "TRUNCATED_RECORD", "TRAILING_BYTES")) {
            unreadables.add(Samples.entry(0, unreadables.size(), rule, SourceAgency.POLICE, "PR-" + rule));
        }
        DeadLetterEntry oversized = Samples.entry(0, 9, "RECORD_TOO_LARGE", SourceAgency.POLICE, "PR-BIG");
        oversized.letter().setOriginalValueSize(1_000_000);
        oversized.letter().setOriginalValueSha256("ab".repeat(32));
        unreadables.add(oversized);

        var plan = ReplayPlanner.plan(unreadables, ReplayHistory.empty(), false, Optional.empty(), NAMING);

        assertThat(plan.replays()).isEmpty();
        assertThat(plan.refusals()).extracting(Refused::reason).containsOnly(Refusal.NEEDS_EDIT);
        assertThat(plan.refusals().get(unreadables.size() - 1).detail()).contains("only an excerpt");
    }

    @Test
    void shouldRefuseADeadLetterTheAuditShowsReplayedUnlessForced() {
        // Given the audit shows the postcode dead letter replayed by alice
        ReplayHistory history = ReplayHistory.of(List.of(Samples.replayOf(postcode, "alice", true)));

        // When both are replayed again, without and then with --force
        var plain = ReplayPlanner.plan(List.of(postcode, district), history, false, Optional.empty(), NAMING);
        var forced = ReplayPlanner.plan(List.of(postcode, district), history, true, Optional.empty(), NAMING);

        // Then only the forced plan replays it, marked as forced
        assertThat(plain.refusals()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo(postcode);
            assertThat(r.reason()).isEqualTo(Refusal.ALREADY_REPLAYED);
            assertThat(r.detail())
                    .contains("already replayed", "by alice", "police.referrals.v1 2:900", "(edited)", "--force");
        });
        assertThat(plain.replays()).extracting(Replay::entry).containsExactly(district);
        assertThat(forced.replays())
                .extracting(Replay::entry, Replay::forced)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(postcode, true),
                        org.assertj.core.groups.Tuple.tuple(district, false));
    }

    @Test
    void shouldTellTheAuditsOfTheSameOffsetOnAnotherTopicApart() {
        DeadLetterEntry elsewhere =
                new DeadLetterEntry("t9-other.rj.dead-letters.v1", postcode.id(), postcode.letter());
        ReplayHistory history = ReplayHistory.of(List.of(Samples.replayOf(elsewhere, "bob", false)));

        var plan = ReplayPlanner.plan(List.of(postcode), history, false, Optional.empty(), NAMING);

        assertThat(plan.replays()).extracting(Replay::entry).containsExactly(postcode);
    }

    @Test
    void shouldRefuseAnUnreadableRecordWithoutAnEdit() {
        var plan = ReplayPlanner.plan(
                List.of(unreadable, postcode), ReplayHistory.empty(), true, Optional.empty(), NAMING);

        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo(unreadable);
            assertThat(r.reason()).isEqualTo(Refusal.NEEDS_EDIT);
            assertThat(r.detail()).contains("--edit-file");
        });
        assertThat(plan.replays()).extracting(Replay::entry).containsExactly(postcode);
    }

    @Test
    void shouldReplayAnUnreadableRecordWithTheCorrectedRecordOfItsReferralId() {
        PoliceReferral fixed = police("PR-2026-001919");

        var plan = ReplayPlanner.plan(List.of(unreadable), ReplayHistory.empty(), false, edits(fixed), NAMING);

        assertThat(plan.replays())
                .singleElement()
                .satisfies(r -> assertThat(r.edited()).containsSame(fixed));
        assertThat(plan.unusedEdits()).isEmpty();
    }

    @Test
    void shouldMatchEditsToDeadLettersByReferralIdAndSkipThoseWithoutOne() {
        // Given a file of fixes for two referrals, one of which is not among the dead letters selected
        PoliceReferral fixedPostcode = police("PR-2026-001917");
        PoliceReferral stray = police("PR-2026-555555");

        // When two dead letters are replayed with it
        var plan = ReplayPlanner.plan(
                List.of(postcode, district), ReplayHistory.empty(), false, edits(stray, fixedPostcode), NAMING);

        // Then the fixed one is replayed edited, the other skipped, and the stray fix reported unused
        assertThat(plan.replays()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo(postcode);
            assertThat(r.edited()).containsSame(fixedPostcode);
        });
        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo(district);
            assertThat(r.reason()).isEqualTo(Refusal.NO_EDIT_FOR_IT);
            assertThat(r.detail()).contains("no record with referralId PR-2026-001918 in fixes.json");
        });
        assertThat(plan.unusedEdits()).containsExactly("PR-2026-555555");
    }

    @Test
    void shouldRefuseAnEditForOneDeadLetterThatChangesTheReferralId() {
        var plan = ReplayPlanner.plan(
                List.of(postcode), ReplayHistory.empty(), false, edits(police("PR-2026-000001")), NAMING);

        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Refusal.EDIT_DOES_NOT_FIT);
            assertThat(r.detail()).contains("referralId PR-2026-000001", "PR-2026-001917", "keeps the referral id");
        });
    }

    @Test
    void shouldGiveTheOneRecordToADeadLetterWithoutKey() {
        DeadLetterEntry keyless = Samples.entry(
                0,
                11,
                "UNREADABLE_RECORD",
                SourceAgency.POLICE,
                null,
                new byte[] {9},
                Instant.parse("2026-03-01T10:00:00Z"));
        PoliceReferral fixed = police("PR-2026-001999");

        var one = ReplayPlanner.plan(List.of(keyless), ReplayHistory.empty(), false, edits(fixed), NAMING);
        var bulk = ReplayPlanner.plan(List.of(keyless, postcode), ReplayHistory.empty(), false, edits(fixed), NAMING);

        assertThat(one.replays())
                .singleElement()
                .satisfies(r -> assertThat(r.edited()).containsSame(fixed));
        assertThat(bulk.refusals())
                .extracting(Refused::entry, Refused::reason)
                .contains(org.assertj.core.groups.Tuple.tuple(keyless, Refusal.NO_EDIT_FOR_IT));
    }

    @Test
    void shouldRefuseEditsOfAnotherAgencyOrForANonAgencyTopic() {
        ProbationReferral probation =
                (ProbationReferral) Samples.records(Agency.PROBATION).get(0);
        DeadLetterEntry caseEvent = Samples.entry(0, 12, "INTERNAL_ERROR", null, "CASE-1");

        var wrongAgency = ReplayPlanner.plan(
                List.of(postcode),
                ReplayHistory.empty(),
                false,
                Optional.of(new Edits(Agency.PROBATION, List.of(probation), "probation.json")),
                NAMING);
        var notAgency =
                ReplayPlanner.plan(List.of(caseEvent), ReplayHistory.empty(), false, edits(police("CASE-1")), NAMING);

        assertThat(wrongAgency.refusals())
                .singleElement()
                .satisfies(r ->
                        assertThat(r.detail()).contains("police referral", "probation.json holds probation referrals"));
        assertThat(notAgency.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("rj.case-events.v1", "as it was"));
    }

    @Test
    void shouldRecogniseAnAgencyByItsPrefixedTopicWhenTheDeadLetterDoesNotNameIt() {
        DeadLetterEntry named = Samples.entry(0, 3, "UNREADABLE_RECORD", SourceAgency.POLICE, "PR-2026-001917");
        var letter = org.rjhub.contracts.hub.DeadLetter.newBuilder(named.letter())
                .setAgency(null)
                .setSourceTopic("t1-x.police.referrals.v1")
                .build();
        DeadLetterEntry unnamed = new DeadLetterEntry(named.topic(), named.id(), letter);

        var plan = ReplayPlanner.plan(
                List.of(unnamed),
                ReplayHistory.empty(),
                false,
                edits(police("PR-2026-001917")),
                name -> "t1-x." + name);

        assertThat(plan.replays()).hasSize(1);
    }
}
