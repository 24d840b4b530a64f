package org.rjhub.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.DeadLetterAction;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.UnmaskedViewAudit;

class ReplayHistoryTest {

    @Test
    void shouldKeepEachDeadLettersReplaysInAuditOrder() {
        DeadLetterEntry a = Samples.entry(0, 1, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-1");
        DeadLetterEntry b = Samples.entry(1, 1, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-2");
        DeadLetterEntry never = Samples.entry(2, 1, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-3");

        ReplayHistory history = ReplayHistory.of(List.of(
                Samples.replayOf(a, "alice", false),
                Samples.replayOf(b, "bob", true),
                Samples.replayOf(a, "carol", true)));

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.of(a)).extracting(r -> r.getOperator()).containsExactly("alice", "carol");
        assertThat(history.last(a))
                .hasValueSatisfying(r -> assertThat(r.getOperator()).isEqualTo("carol"));
        assertThat(history.replayed(b)).isTrue();
        assertThat(history.replayed(never)).isFalse();
        assertThat(history.last(never)).isEmpty();
        assertThat(ReplayHistory.coordinates(Samples.replayOf(b, "bob", true))).isEqualTo("rj.dead-letters.v1/1/1");
    }

    @Test
    void shouldNotCountAnUnmaskedViewAsAReplay() {
        DeadLetterEntry a = Samples.entry(0, 1, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-1");

        ReplayHistory history = ReplayHistory.of(List.of(
                UnmaskedViewAudit.record(a, "dana", Instant.parse("2026-03-02T08:00:00Z")),
                Samples.replayOf(a, "alice", true)));

        assertThat(history.of(a)).extracting(r -> r.getOperator()).containsExactly("alice");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.audit(a))
                .extracting(r -> r.getOperator(), r -> r.getAction())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dana", DeadLetterAction.VIEWED_UNMASKED),
                        org.assertj.core.groups.Tuple.tuple("alice", DeadLetterAction.REPLAYED));
        assertThat(ReplayHistory.of(List.of(UnmaskedViewAudit.record(a, "dana", Instant.EPOCH)))
                        .replayed(a))
                .isFalse();
    }
}
