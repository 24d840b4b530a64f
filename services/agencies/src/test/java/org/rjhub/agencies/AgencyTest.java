package org.rjhub.agencies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgencyTest {

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource({
        "police, POLICE",
        "PROBATION, PROBATION",
        "victimsupport, VICTIM_SUPPORT",
        "' victim-support ', VICTIM_SUPPORT",
        "victim_support, VICTIM_SUPPORT",
        "vs, VICTIM_SUPPORT"
    })
    void shouldFindTheAgencyOfEachCommandLineNameAndAlias(String name, Agency agency) {
        assertThat(Agency.fromCliName(name)).contains(agency);
    }

    @Test
    void shouldFindNoAgencyForAnUnknownName() {
        assertThat(Agency.fromCliName("fire")).isEmpty();
        assertThat(Agency.fromCliName(null)).isEmpty();
    }

    @Test
    void shouldNameEachAgencyOnceInHelpAndMessages() {
        assertThat(Agency.cliNames()).containsExactly("police", "probation", "victimsupport");
        assertThat(Agency.cliNamesInWords()).isEqualTo("police, probation or victimsupport");
        assertThat(new Agency.CliNames()).containsExactlyElementsOf(Agency.cliNames());
    }

    @Test
    void shouldOwnTopicsUnderItsCommandLineName() {
        for (Agency a : Agency.values()) {
            assertThat(a.topic()).startsWith(a.cliName() + ".");
            assertThat(a.outcomesTopic()).startsWith(a.cliName() + ".");
        }
    }
}
