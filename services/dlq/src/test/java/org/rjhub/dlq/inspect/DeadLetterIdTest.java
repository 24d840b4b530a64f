package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterIdTest {

    @Test
    void shouldReadPartitionAndOffsetAsListPrintsThem() {
        DeadLetterId.Ref ref = DeadLetterId.Ref.parse("1:42");

        assertThat(ref.exact()).contains(new DeadLetterId(1, 42));
        assertThat(ref.matches(new DeadLetterId(1, 42))).isTrue();
        assertThat(ref.matches(new DeadLetterId(2, 42))).isFalse();
        assertThat(new DeadLetterId(1, 42)).hasToString("1:42");
    }

    @Test
    void shouldTakeAnOffsetAloneAsAnyPartitionsOffset() {
        DeadLetterId.Ref ref = DeadLetterId.Ref.parse(" 42 ");

        assertThat(ref.exact()).isEmpty();
        assertThat(ref.matches(new DeadLetterId(0, 42))).isTrue();
        assertThat(ref.matches(new DeadLetterId(2, 42))).isTrue();
        assertThat(ref.matches(new DeadLetterId(2, 41))).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNotADeadLetterReference() {
        for (String bad : new String[] {"", "1:", ":4", "a:1", "1:2:3", "-1:4", "4.0"}) {
            assertThatThrownBy(() -> DeadLetterId.Ref.parse(bad)).as(bad).hasMessageContaining("PARTITION:OFFSET");
        }
    }

    @Test
    void shouldOrderByPartitionThenOffset() {
        assertThat(new DeadLetterId(0, 9)).isLessThan(new DeadLetterId(1, 0));
        assertThat(new DeadLetterId(1, 2)).isLessThan(new DeadLetterId(1, 10));
    }
}
