package org.rjhub.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.inspect.DeadLetterEntry;

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
}
