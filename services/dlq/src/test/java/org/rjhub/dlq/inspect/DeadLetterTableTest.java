package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.dlq.Samples;

class DeadLetterTableTest {

    @Test
    void shouldPrintOneAlignedLinePerDeadLetterWithProvenanceRuleReplaysAndReason() {
        // Given two dead letters, one of them replayed twice
        DeadLetterEntry postcode = Samples.entry(
                0,
                7,
                "POSTCODE_SYNTAX",
                SourceAgency.POLICE,
                "PR-2026-001917",
                null,
                Instant.parse("2026-03-01T10:15:30.456Z"));
        DeadLetterEntry unreadable =
                Samples.entry(2, 13, "UNREADABLE_RECORD", null, null, null, Instant.parse("2026-03-02T08:00:00Z"));

        // When the table is rendered
        String table = DeadLetterTable.render(List.of(postcode, unreadable), e -> e == postcode ? 2 : 0);

        // Then
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("DEAD LETTER")
                .contains("FAILED AT", "AGENCY", "REFERRAL ID", "RULE", "REPLAYED", "REASON");
        assertThat(lines.get(1))
                .startsWith("0:7")
                .contains(
                        "2026-03-01T10:15:30Z",
                        "POLICE",
                        "PR-2026-001917",
                        "POSTCODE_SYNTAX",
                        "2x",
                        "reason of POSTCODE_SYNTAX");
        assertThat(lines.get(2)).startsWith("2:13").contains("UNREADABLE_RECORD", " - ");
        assertThat(lines.get(1).indexOf("POSTCODE_SYNTAX"))
                .isEqualTo(lines.get(2).indexOf("UNREADABLE_RECORD"));
        assertThat(lines.get(0).indexOf("RULE")).isEqualTo(lines.get(1).indexOf("POSTCODE_SYNTAX"));
    }
}
