package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.AgeBand;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.TestSecrets;

class PseudonymiserTest {

    @Test
    void shouldGiveTheSamePseudonymForTheSameIdentifierUnderOneSecret() {
        Pseudonymiser p = Pseudonymiser.withSecret(TestSecrets.hmacKey());

        assertThat(p.caseKey("RJ-000123")).isEqualTo(p.caseKey("RJ-000123")).matches("c-[0-9a-f]{32}");
        assertThat(p.referralKey(SourceAgency.POLICE, "PR-1")).matches("r-[0-9a-f]{32}");
        assertThat(p.personKey(IdentifierType.PNC, "2019/0123456A"))
                .isEqualTo(p.personKey(IdentifierType.PNC, " 2019/0123456a "));
    }

    @Test
    void shouldGiveDifferentPseudonymsUnderAnotherSecretOrInAnotherDomain() {
        Pseudonymiser one = Pseudonymiser.withSecret(TestSecrets.hmacKey());
        Pseudonymiser two = Pseudonymiser.withSecret(TestSecrets.hmacKey());

        assertThat(one.caseKey("RJ-1")).isNotEqualTo(two.caseKey("RJ-1"));
        assertThat(one.referralKey(SourceAgency.POLICE, "X1"))
                .isNotEqualTo(one.referralKey(SourceAgency.PROBATION, "X1"));
        assertThat(one.caseKey("X1").substring(2))
                .isNotEqualTo(one.referralKey(SourceAgency.POLICE, "X1").substring(2));
        assertThat(one.caseKey("RJ-1")).doesNotContain("RJ-1");
    }

    @Test
    void shouldRefuseAShortSecretWithoutShowingIt() {
        assertThatThrownBy(() -> Pseudonymiser.withSecret("too-short-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RJ_REPORTING_HMAC_KEY")
                .hasMessageNotContaining("too-short-secret");
        assertThat(Pseudonymiser.withSecret(TestSecrets.hmacKey()).toString()).contains("hidden");
    }

    @Test
    void shouldBandAgesOnTheDayOfReferral() {
        LocalDate on = LocalDate.parse("2026-10-05");
        assertThat(AgeBands.of(LocalDate.parse("2008-10-06"), on)).isEqualTo(AgeBand.UNDER_18);
        assertThat(AgeBands.of(LocalDate.parse("2008-10-05"), on)).isEqualTo(AgeBand.AGE_18_24);
        assertThat(AgeBands.of(LocalDate.parse("1961-10-05"), on)).isEqualTo(AgeBand.AGE_65_PLUS);
        assertThat(AgeBands.of(null, on)).isEqualTo(AgeBand.UNKNOWN);
        assertThat(AgeBands.of(LocalDate.parse("2027-01-01"), on)).isEqualTo(AgeBand.UNKNOWN);
    }

    @Test
    void shouldReportOnlyKnownDistricts() {
        assertThat(Districts.reported("Epping Forest")).isEqualTo("Epping Forest");
        assertThat(Districts.reported("14 Mill Lane, Harlow")).isEqualTo(Districts.OTHER);
        assertThat(Districts.reported(null)).isNull();
    }
}
