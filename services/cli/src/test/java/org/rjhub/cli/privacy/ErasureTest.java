package org.rjhub.cli.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

class ErasureTest {

    @Test
    void shouldDestroyEveryLiveKeyOfTheReferralAndNoOtherSubjects() {
        List<ConsumerRecord<byte[], byte[]>> topic = List.of(
                key("POLICE:PR-1/a"),
                key("POLICE:PR-12/b"),
                key("PROBATION:PR-1/c"),
                key("POLICE:PR-1/d"),
                tombstone("POLICE:PR-1/d"),
                key("POLICE:PR-1/e"));

        List<String> live = Erasure.liveKeys(topic);

        assertThat(live).containsExactly("POLICE:PR-1/a", "POLICE:PR-12/b", "PROBATION:PR-1/c", "POLICE:PR-1/e");
        assertThat(Erasure.keysOf("POLICE:PR-1", live)).containsExactly("POLICE:PR-1/a", "POLICE:PR-1/e");
    }

    @Test
    void shouldFindNoKeyForAReferralWithNoSealedCopy() {
        assertThat(Erasure.keysOf("VICTIM_SUPPORT:VS-1", Erasure.liveKeys(List.of(key("POLICE:PR-1/a")))))
                .isEmpty();
    }

    @Test
    void shouldFindEveryCaseTheReferralWasInFromItsAgencysOutcomes() {
        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        List<Outcome> outcomes = List.of(
                Acknowledgements.outcome(OutcomeType.RECEIVED, SourceAgency.POLICE, "PR-1", null, null, t),
                Acknowledgements.outcome(OutcomeType.LINKED, SourceAgency.POLICE, "PR-1", "RJ-1", null, t),
                Acknowledgements.outcome(OutcomeType.LINKED, SourceAgency.POLICE, "PR-12", "RJ-9", null, t),
                Acknowledgements.outcome(OutcomeType.LINKED, SourceAgency.POLICE, "PR-1", "RJ-2", null, t),
                Acknowledgements.outcome(OutcomeType.LINKED, SourceAgency.POLICE, "PR-1", "RJ-1", null, t));

        assertThat(Erasure.casesOf("PR-1", outcomes)).containsExactly("RJ-1", "RJ-2");
        assertThat(Erasure.keysOf(
                        DataKeys.caseSubject("RJ-1"),
                        Erasure.liveKeys(List.of(key("case:RJ-1/a"), key("case:RJ-12/b"), key("POLICE:PR-1/c")))))
                .containsExactly("case:RJ-1/a");
    }

    private static ConsumerRecord<byte[], byte[]> key(String id) {
        return new ConsumerRecord<>("rj.data-keys.v1", 0, 0L, id.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    private static ConsumerRecord<byte[], byte[]> tombstone(String id) {
        return new ConsumerRecord<>("rj.data-keys.v1", 0, 0L, id.getBytes(StandardCharsets.UTF_8), null);
    }
}
