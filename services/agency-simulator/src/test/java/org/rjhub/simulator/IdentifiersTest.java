package org.rjhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void shouldGoOnToSixDigitCrimeReferencesOnceHalfAYearsFiveDigitOnesAreUsed() {
        // Given a run issuing more crime references for one year than half the 90,000 five-digit ones
        Identifiers ids = new Identifiers(new SplittableRandom(2026));
        LocalDate incident = LocalDate.of(2026, 3, 14);
        int count = Identifiers.FIVE_DIGIT_REFERENCES_A_YEAR + 5_000;

        // When it issues them
        List<String> references = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            references.add(ids.crimeReference(incident));
        }

        // Then each is unique, five-digit up to the limit and six-digit after it, all of the incident's year
        assertThat(new HashSet<>(references)).hasSize(count);
        assertThat(references.subList(0, Identifiers.FIVE_DIGIT_REFERENCES_A_YEAR))
                .allMatch(r -> r.matches("42/\\d{5}/26"));
        assertThat(references.subList(Identifiers.FIVE_DIGIT_REFERENCES_A_YEAR, count))
                .allMatch(r -> r.matches("42/[1-9]\\d{5}/26"));
        // and another year starts again with five digits
        assertThat(ids.crimeReference(LocalDate.of(2025, 12, 31))).matches("42/\\d{5}/25");
    }
}
