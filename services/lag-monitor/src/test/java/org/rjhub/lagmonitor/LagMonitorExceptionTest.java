package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class LagMonitorExceptionTest {

    @Test
    void shouldClassifyByWalkingTheCauseChain() {
        assertThat(LagMonitorException.of("list groups", new ExecutionException(new TimeoutException("no answer")))
                        .reason())
                .isEqualTo(LagMonitorException.Reason.UNAVAILABLE);
        assertThat(LagMonitorException.of("poll", new InterruptException(new InterruptedException()))
                        .reason())
                .isEqualTo(LagMonitorException.Reason.INTERRUPTED);
        assertThat(LagMonitorException.of("poll", new IllegalStateException("bug"))
                        .reason())
                .isEqualTo(LagMonitorException.Reason.FAILED);
    }

    @Test
    void shouldSayWhichRightsAreMissingWhenNotAuthorized() {
        LagMonitorException e = LagMonitorException.of(
                "fetch committed offsets of group rj-router",
                new ExecutionException(new GroupAuthorizationException("denied")));

        assertThat(e.reason()).isEqualTo(LagMonitorException.Reason.NOT_AUTHORIZED);
        assertThat(e.getMessage())
                .startsWith("cannot fetch committed offsets of group rj-router")
                .contains("Read on __consumer_offsets unless RJ_LAG_COMMIT_SOURCE=poll");
    }
}
