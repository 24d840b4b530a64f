package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.TestSnapshots.group;
import static org.rjhub.lagmonitor.TestSnapshots.partition;
import static org.rjhub.lagmonitor.TestSnapshots.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.timelag.TimeLag;

class LagJsonTest {

    @Test
    void shouldCarryEveryGroupPartitionStatusAndItsEvidence() throws Exception {
        // Given a stalled partition whose lag in seconds is not known yet
        LagSnapshot snapshot = snapshot(group(
                "rj-router",
                partition("police.referrals.v1", 2, 10, 50, TimeLag.UNKNOWN, PartitionStatus.STALL, "stuck")));

        // When rendered and read back
        JsonNode root = new ObjectMapper().readTree(LagJson.render(snapshot));

        // Then
        assertThat(root.path("takenAt").asText()).isEqualTo(TestSnapshots.AT.toString());
        JsonNode g = root.path("groups").get(0);
        assertThat(g.path("group").asText()).isEqualTo("rj-router");
        assertThat(g.path("status").asText()).isEqualTo("ERR");
        assertThat(g.path("totalLag").asLong()).isEqualTo(40);
        JsonNode p = g.path("partitions").get(0);
        assertThat(p.path("topic").asText()).isEqualTo("police.referrals.v1");
        assertThat(p.path("partition").asInt()).isEqualTo(2);
        assertThat(p.path("committedOffset").asLong()).isEqualTo(10);
        assertThat(p.path("logEndOffset").asLong()).isEqualTo(50);
        assertThat(p.path("lag").asLong()).isEqualTo(40);
        assertThat(p.path("lagSeconds").isNull()).isTrue();
        assertThat(p.path("lagSecondsMethod").asText()).isEqualTo("UNKNOWN");
        assertThat(p.path("status").asText()).isEqualTo("STALL");
        assertThat(p.path("reason").asText()).isEqualTo("stuck");
        JsonNode window = p.path("evidence").path("window");
        assertThat(window).hasSize(2);
        assertThat(window.get(0).path("offset").asLong()).isEqualTo(10);
        assertThat(window.get(0).path("lag").asLong()).isEqualTo(40);
        assertThat(window.get(1).path("lag").isNull()).isTrue();
        assertThat(p.path("evidence").path("recentLogEndOffsets").get(0).asLong())
                .isEqualTo(50);
        assertThat(root.path("businessLag")).isEmpty();
    }
}
