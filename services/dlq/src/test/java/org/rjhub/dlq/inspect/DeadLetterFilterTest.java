package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.dlq.Samples;

class DeadLetterFilterTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final DeadLetterEntry postcode = Samples.entry(
            0, 1, "POSTCODE_SYNTAX", SourceAgency.POLICE, "PR-1", null, Instant.parse("2026-03-01T09:00:00Z"));
    private final DeadLetterEntry district = Samples.entry(
            1,
            1,
            "DISTRICT_NOT_IN_ESSEX",
            SourceAgency.VICTIM_SUPPORT,
            "VS-1",
            null,
            Instant.parse("2026-03-09T09:00:00Z"));
    private final DeadLetterEntry unreadable = Samples.entry(
            2, 5, "UNREADABLE_RECORD", SourceAgency.PROBATION, null, null, Instant.parse("2026-03-10T11:30:00Z"));
    private final List<DeadLetterEntry> all = List.of(postcode, district, unreadable);

    private List<DeadLetterEntry> select(String rule, String agency, String since) {
        return all.stream()
                .filter(DeadLetterFilter.of(rule, agency, since, NOW))
                .toList();
    }

    @Test
    void shouldLetEverythingThroughWithoutCriteria() {
        assertThat(select(null, null, null)).containsExactlyElementsOf(all);
        assertThat(select(" ", "", null)).containsExactlyElementsOf(all);
        assertThat(DeadLetterFilter.none().isEmpty()).isTrue();
    }

    @Test
    void shouldSelectByRuleWhateverItsCase() {
        assertThat(select("postcode_syntax", null, null)).containsExactly(postcode);
        assertThat(select("NO_SUCH_RULE", null, null)).isEmpty();
    }

    @Test
    void shouldSelectByAgencyGivenAsItsNameOrItsTopicPrefix() {
        assertThat(select(null, "victimsupport", null)).containsExactly(district);
        assertThat(select(null, "VICTIM_SUPPORT", null)).containsExactly(district);
        assertThat(select(null, "victim-support", null)).containsExactly(district);
        assertThat(select(null, "Police", null)).containsExactly(postcode);
    }

    @Test
    void shouldSelectThoseThatFailedSinceAnInstantADateOrATimeAgo() {
        assertThat(select(null, null, "2026-03-09T09:00:00Z")).containsExactly(district, unreadable);
        assertThat(select(null, null, "2026-03-09T10:00:00+01:00")).containsExactly(district, unreadable);
        assertThat(select(null, null, "2026-03-10")).containsExactly(unreadable);
        assertThat(select(null, null, "1h")).containsExactly(unreadable);
        assertThat(select(null, null, "2d")).containsExactly(district, unreadable);
        assertThat(select(null, null, "2w")).containsExactlyElementsOf(all);
        assertThat(select(null, null, "PT36H")).containsExactly(district, unreadable);
    }

    @Test
    void shouldCombineCriteria() {
        assertThat(select("DISTRICT_NOT_IN_ESSEX", "police", null)).isEmpty();
        assertThat(select("UNREADABLE_RECORD", "probation", "1h")).containsExactly(unreadable);
    }

    @Test
    void shouldNameTheOptionWhoseValueIsNotUnderstood() {
        assertThatThrownBy(() -> DeadLetterFilter.of(null, "fire-service", null, NOW))
                .hasMessageContaining("--agency")
                .hasMessageContaining("police, probation, victimsupport");
        assertThatThrownBy(() -> DeadLetterFilter.of(null, null, "yesterday", NOW))
                .hasMessageContaining("--since")
                .hasMessageContaining("12h");
        assertThatThrownBy(() -> DeadLetterFilter.of(null, null, "2026-02-30", NOW))
                .hasMessageContaining("--since");
    }
}
