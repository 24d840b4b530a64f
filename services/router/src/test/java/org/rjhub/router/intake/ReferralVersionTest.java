package org.rjhub.router.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deduplication's decision: a version of an agency referral against the latest one admitted. */
class ReferralVersionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            first version of the referral                 | -        | a1b2c3   | NEW
            same content again: a redelivery              | a1b2c3   | a1b2c3   | REDELIVERY
            changed content: an amendment                 | a1b2c3   | d4e5f6   | AMENDMENT
            an older version resent after a newer one     | d4e5f6   | a1b2c3   | AMENDMENT
            hashes compared exactly, case and all         | A1B2C3   | a1b2c3   | AMENDMENT
            """)
    void shouldTellANewReferralAnAmendmentAndARedeliveryApart(
            String behaviour, String latestHash, String contentHash, ReferralVersion expected) {
        assertThat(ReferralVersion.of(latestHash, contentHash)).isEqualTo(expected);
    }
}
