package org.rjhub.cases.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.lifecycle.CaseState.Audience;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

/** One announcement on a case, fanned out to the referrals it is meant for, each under its own id. */
class OutcomeFanOutTest {

    private static final String CASE = "RJ-TEST000001";
    private static final Instant AT = Instant.parse("2026-11-20T14:00:00Z");

    /** Referrals as {@code AGENCY:id} separated by {@code ;}; expected keys the same way, {@code -} for none. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            every referrer of a three-agency case    | EVERY_REFERRER | POLICE:PR-1;PROBATION:PB-1;VICTIM_SUPPORT:VS-1 | PR-1;PB-1;VS-1
            every referrer, two from one agency      | EVERY_REFERRER | POLICE:PR-1;POLICE:PR-2                         | PR-1;PR-2
            probation only, in a three-agency case   | PROBATION      | POLICE:PR-1;PROBATION:PB-1;VICTIM_SUPPORT:VS-1 | PB-1
            probation only, two probation referrals  | PROBATION      | PROBATION:PB-1;POLICE:PR-1;PROBATION:PB-2       | PB-1;PB-2
            probation only, when probation referred nothing | PROBATION | POLICE:PR-1;VICTIM_SUPPORT:VS-1              | -
            """)
    void shouldAnswerEachReferralItIsMeantForUnderItsOwnId(
            String behaviour, Audience audience, String referrals, String keys) {
        Announcement a = new Announcement(
                OutcomeType.DECLINED,
                "the offender declined",
                DeclinedBy.OFFENDER,
                Map.of("stage", "consent"),
                AT,
                audience);

        List<KeyValue<String, Outcome>> out = OutcomeFanOut.outcomes(CASE, refs(referrals), a);

        assertThat(out)
                .extracting(kv -> kv.key)
                .containsExactlyElementsOf("-".equals(keys) ? List.of() : Arrays.asList(keys.split(";")));
        for (KeyValue<String, Outcome> kv : out) {
            Outcome o = kv.value;
            assertThat(o.getAgencyReferralId()).isEqualTo(kv.key);
            assertThat(o.getAgency())
                    .isEqualTo(refs(referrals).stream()
                            .filter(r -> r.agencyReferralId().equals(kv.key))
                            .findFirst()
                            .orElseThrow()
                            .agency());
            assertThat(o.getHubCaseId()).isEqualTo(CASE);
            assertThat(o.getEventType()).isEqualTo(OutcomeType.DECLINED);
            assertThat(o.getReason()).isEqualTo("the offender declined");
            assertThat(o.getDeclinedBy()).isEqualTo(DeclinedBy.OFFENDER);
            assertThat(o.getAdditionalInformation()).containsExactlyEntriesOf(Map.of("stage", "consent"));
            assertThat(o.getOccurredAt()).isEqualTo(AT);
        }
        assertThat(out).extracting(kv -> kv.value.getEventId()).doesNotHaveDuplicates();
    }

    @Test
    void shouldTellALateReferralTheStorySoFarInOrderAndOnlyWhatItsAgencyMayHear() {
        List<Announcement> history = List.of(
                Announcement.of(OutcomeType.ACCEPTED, null, AT),
                new Announcement(
                        OutcomeType.ACTION_OVERDUE,
                        "action A1 (apology letter) owed by the offender was due",
                        null,
                        Map.of("actionId", "A1"),
                        AT.plusSeconds(60),
                        Audience.PROBATION),
                Announcement.of(OutcomeType.CONTACT_MADE, null, AT.plusSeconds(120)));

        List<KeyValue<String, Outcome>> victimSupport =
                OutcomeFanOut.catchUp(CASE, refs("VICTIM_SUPPORT:VS-1"), history);
        List<KeyValue<String, Outcome>> probation = OutcomeFanOut.catchUp(CASE, refs("PROBATION:PB-1"), history);

        assertThat(victimSupport)
                .extracting(kv -> kv.value.getEventType())
                .containsExactly(OutcomeType.ACCEPTED, OutcomeType.CONTACT_MADE);
        assertThat(probation)
                .extracting(kv -> kv.value.getEventType())
                .containsExactly(OutcomeType.ACCEPTED, OutcomeType.ACTION_OVERDUE, OutcomeType.CONTACT_MADE);
        assertThat(probation)
                .extracting(kv -> kv.value.getOccurredAt())
                .containsExactly(AT, AT.plusSeconds(60), AT.plusSeconds(120));
    }

    @Test
    void shouldWriteTheSameEnvelopeIdForTheSameAnnouncementAgain() {
        Announcement a = Announcement.of(OutcomeType.MEETING_HELD, null, AT);

        String first = OutcomeFanOut.outcomes(CASE, refs("POLICE:PR-1"), a)
                .get(0)
                .value
                .getEventId();
        String again = OutcomeFanOut.outcomes(CASE, refs("POLICE:PR-1"), a)
                .get(0)
                .value
                .getEventId();

        assertThat(again).isEqualTo(first);
    }

    private static List<Ref> refs(String spec) {
        return Arrays.stream(spec.split(";"))
                .map(s -> s.split(":"))
                .map(f -> new Ref(SourceAgency.valueOf(f[0]), f[1]))
                .toList();
    }
}
