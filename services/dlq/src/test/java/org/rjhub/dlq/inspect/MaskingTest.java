package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.records.AgencyRecords;

class MaskingTest {

    private static JsonNode sample(Agency agency) {
        SpecificRecord record = Samples.records(agency).get(0);
        return AgencyRecords.toJson(agency, record);
    }

    @Test
    void shouldMaskNamesDatesOfBirthAddressesAndContactDetailsOfEveryPartyInAPoliceReferral() {
        // Given a police referral with a victim, an offender and an officer
        JsonNode original = sample(Agency.POLICE);

        // When it is masked
        JsonNode masked = Masking.mask(original);

        // Then every personal value is ***, wherever the party is
        for (String party : new String[] {"victims", "offenders"}) {
            JsonNode p = masked.get(party).get(0);
            assertThat(p.get("forename").asText()).isEqualTo("***");
            assertThat(p.get("surname").asText()).isEqualTo("***");
            assertThat(p.get("dateOfBirth").asText()).isEqualTo("***");
            assertThat(p.at("/address/postcode").asText()).isEqualTo("***");
            assertThat(p.at("/address/line1").asText()).isEqualTo("***");
        }
        assertThat(masked.at("/victims/0/contact/phone").asText()).isEqualTo("***");
        assertThat(masked.at("/officerInCase/name").asText()).isEqualTo("***");
        // and what the operator needs to find the fault is kept
        assertThat(masked.get("referralId")).isEqualTo(original.get("referralId"));
        assertThat(masked.get("district")).isEqualTo(original.get("district"));
        assertThat(masked.get("incidentDate")).isEqualTo(original.get("incidentDate"));
        assertThat(masked.at("/victims/0/address/town")).isEqualTo(original.at("/victims/0/address/town"));
        assertThat(masked.at("/officerInCase/collarNumber")).isEqualTo(original.at("/officerInCase/collarNumber"));
    }

    @Test
    void shouldLeaveNoPersonalValueOfTheOriginalInTheMaskedText() {
        for (Agency agency : Agency.values()) {
            JsonNode original = sample(agency);
            String masked = Masking.mask(original).toString();

            original.findValues("surname").forEach(v -> assertThat(masked).doesNotContain(v.asText()));
            original.findValues("forename").forEach(v -> assertThat(masked).doesNotContain("\"" + v.asText() + "\""));
            original.findValues("dateOfBirth").stream()
                    .filter(v -> !v.isNull())
                    .forEach(v -> assertThat(masked).doesNotContain(v.asText()));
            original.findValues("postcode").stream()
                    .filter(v -> !v.isNull())
                    .forEach(v -> assertThat(masked).doesNotContain(v.asText()));
        }
    }

    @Test
    void shouldMaskProbationAndVictimSupportFieldsByTheirOwnNames() {
        JsonNode probation = Masking.mask(sample(Agency.PROBATION));
        JsonNode victimSupport = Masking.mask(sample(Agency.VICTIM_SUPPORT));

        assertThat(probation.at("/offender/surname").asText()).isEqualTo("***");
        assertThat(probation.at("/offender/address/line1").asText()).isEqualTo("***");
        assertThat(probation.get("pncId").asText()).isEqualTo("***");
        assertThat(probation.at("/offenderManager/name").asText()).isEqualTo("***");
        assertThat(probation.at("/offenderManager/email").asText()).isEqualTo("***");
        assertThat(probation.at("/victim/postcode").isNull())
                .as("an absent postcode stays absent")
                .isTrue();
        assertThat(probation.get("crn").asText()).isEqualTo("Q873653");
        assertThat(victimSupport.at("/victim/postcode").asText()).isEqualTo("***");
        assertThat(victimSupport.at("/victim/email").asText()).isEqualTo("***");
        assertThat(victimSupport.get("offenderName").asText()).isEqualTo("***");
        assertThat(victimSupport.at("/needsAssessment/summary").asText()).isEqualTo("***");
        assertThat(victimSupport.get("vsCaseId").asText()).isEqualTo("VS-ESX-0043943");
        assertThat(victimSupport.get("crimeReference").asText()).isEqualTo("42/76252/25");
    }

    @Test
    void shouldKeepNullsAndLeaveTheOriginalUntouched() throws Exception {
        JsonNode original = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        "{\"surname\": \"Okafor\", \"email\": null, \"aliases\": [\"Ade\", \"Dee\"], \"district\": \"Harlow\"}");

        JsonNode masked = Masking.mask(original);

        assertThat(masked.toString())
                .isEqualTo(
                        "{\"surname\":\"***\",\"email\":null,\"aliases\":[\"***\",\"***\"],\"district\":\"Harlow\"}");
        assertThat(original.get("surname").asText()).isEqualTo("Okafor");
    }
}
