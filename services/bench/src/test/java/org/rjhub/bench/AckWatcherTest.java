package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.OutcomeType;

/** What the bench counts as a second first acknowledgement (a duplicate) and what as a referral told of a split. */
class AckWatcherTest {

    private static final String COMMON_KEY = "unlinked: the match was found only under a key too common to use";

    @Test
    void aReceivedWithASplitsReasonIsAMoveNotADuplicate() {
        // to a new case, or to the same case id when the referral keeps it (seen over a 100,000 history)
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, COMMON_KEY, null)).isTrue();
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, COMMON_KEY, "held until sentence"))
                .isTrue();
    }

    @Test
    void theFirstAcknowledgementRepeatedIsADuplicate() {
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, null, null)).isFalse();
        assertThat(AckWatcher.isMove(OutcomeType.RECEIVED, "held until sentence", "held until sentence"))
                .isFalse();
        // a referral is linked on arrival once: a second LINKED without a reason is a duplicate
        assertThat(AckWatcher.isMove(OutcomeType.LINKED, null, null)).isFalse();
    }
}
