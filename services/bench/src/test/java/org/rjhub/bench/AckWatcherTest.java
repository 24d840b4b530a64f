package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.OutcomeType;

/** What the bench counts as a second first acknowledgement (a duplicate) and what as a referral moved by a split. */
class AckWatcherTest {

    @Test
    void aReceivedWithAReasonNamingAnotherCaseIsAMoveNotADuplicate() {
        String reason = "unlinked: the match was found only under a key too common to use";
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, reason, "CASE-POLICE/PR-2", "CASE-POLICE/PR-1"))
                .isTrue();
        // the same acknowledgement again (the same case) is a duplicate, with a reason or without
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, "held until sentence", "CASE-1", "CASE-1"))
                .isFalse();
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, null, "CASE-2", "CASE-1"))
                .isFalse();
        // a referral is linked on arrival once: a second LINKED without a reason is a duplicate
        assertThat(AckWatcher.isMove(OutcomeType.LINKED, null, "CASE-2", "CASE-1"))
                .isFalse();
    }
}
