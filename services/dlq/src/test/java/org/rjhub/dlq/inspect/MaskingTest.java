package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.records.AgencyRecords;

/** Masking driven by the contracts' field classifications, as an allowlist of operational fields. */
class MaskingTest {

    private static SpecificRecord record(Agency agency) {
        return Samples.records(agency).get(0);
    }

    private static JsonNode sample(Agency agency) {
        return AgencyRecords.toJson(agency, record(agency));
    }

    private static JsonNode masked(Agency agency) {
        return Masking.mask(sample(agency), record(agency).getSchema());
    }

    @Test
    void shouldMaskEveryFieldOfEveryPartyInAPoliceReferral() {
        // Given a police referral with a victim, an offender and an officer
        JsonNode original = sample(Agency.POLICE);

        // When it is masked
        JsonNode masked = masked(Agency.POLICE);

        // Then every value about a party is ***, wherever the party is, town and vulnerabilities included
        for (String party : new String[] {"victims", "offenders"}) {
            JsonNode p = masked.get(party).get(0);
            assertThat(p.get("forename").asText()).isEqualTo("***");
            assertThat(p.get("surname").asText()).isEqualTo("***");
            assertThat(p.get("dateOfBirth").asText()).isEqualTo("***");
            assertThat(p.at("/address/postcode").asText()).isEqualTo("***");
            assertThat(p.at("/address/town").asText()).isEqualTo("***");
            assertThat(p.at("/contact/preferredMethod").asText()).isEqualTo("***");
        }
        assertThat(masked.at("/officerInCase/name").asText()).isEqualTo("***");
        assertThat(masked.at("/officerInCase/collarNumber").asText()).isEqualTo("***");
        // the crime reference, the offence wording, the incident date and the sensitive markers too
        assertThat(masked.get("crimeReference").asText()).isEqualTo("***");
        assertThat(masked.at("/offence/description").asText()).isEqualTo("***");
        assertThat(masked.get("incidentDate").asText()).isEqualTo("***");
        assertThat(masked.get("domesticAbuse").asText()).isEqualTo("***");
        assertThat(masked.get("hateCrime").asText()).isEqualTo("***");
        // and what the operator needs to find the fault is kept: operational fields only
        assertThat(masked.get("referralId")).isEqualTo(original.get("referralId"));
        assertThat(masked.get("district")).isEqualTo(original.get("district"));
        assertThat(masked.get("justiceStage")).isEqualTo(original.get("justiceStage"));
        assertThat(masked.at("/offence/homeOfficeCode")).isEqualTo(original.at("/offence/homeOfficeCode"));
        assertThat(masked.get("victimConsentToReferral")).isEqualTo(original.get("victimConsentToReferral"));
        assertThat(masked.get("submittedAt")).isEqualTo(original.get("submittedAt"));
    }

    @Test
    void shouldLeaveNoPersonalValueOfTheOriginalInTheMaskedText() {
        for (Agency agency : Agency.values()) {
            JsonNode original = sample(agency);
            String masked = masked(agency).toString();

            // (a town is often the district's name, which is shown: it is checked where it sits, above)
            for (String field : new String[] {
                "surname", "dateOfBirth", "postcode", "crimeReference", "crn", "description", "summary"
            }) {
                original.findValues(field).stream()
                        .filter(v -> !v.isNull() && v.isValueNode())
                        .forEach(v ->
                                assertThat(masked).as("%s %s", agency, field).doesNotContain("\"" + v.asText() + "\""));
            }
        }
    }

    @Test
    void shouldMaskProbationAndVictimSupportFieldsByTheirClassification() {
        JsonNode probation = masked(Agency.PROBATION);
        JsonNode victimSupport = masked(Agency.VICTIM_SUPPORT);

        assertThat(probation.at("/offender/surname").asText()).isEqualTo("***");
        assertThat(probation.at("/offender/address/line1").asText()).isEqualTo("***");
        assertThat(probation.get("pncId").asText()).isEqualTo("***");
        assertThat(probation.get("crn").asText()).isEqualTo("***");
        assertThat(probation.at("/sentence/court").asText()).isEqualTo("***");
        assertThat(probation.at("/offenderManager/email").asText()).isEqualTo("***");
        assertThat(probation.at("/offenderManager/team").asText())
                .as("inside a personal field, even an operational one is masked")
                .isEqualTo("***");
        assertThat(probation.get("referralId").asText())
                .isEqualTo(sample(Agency.PROBATION).get("referralId").asText());
        assertThat(victimSupport.at("/victim/email").asText()).isEqualTo("***");
        assertThat(victimSupport.get("offenderName").asText()).isEqualTo("***");
        assertThat(victimSupport.at("/needsAssessment/summary").asText()).isEqualTo("***");
        assertThat(victimSupport.at("/needsAssessment/needs/0").asText()).isEqualTo("***");
        assertThat(victimSupport.get("vsCaseId").asText()).isEqualTo("VS-ESX-0043943");
        assertThat(victimSupport.get("crimeReference").asText()).isEqualTo("***");
        assertThat(victimSupport.get("consentToContact").asBoolean()).isTrue();
    }

    @Test
    void shouldMaskWhatTheContractDoesNotClassifyAsOperationalAndKeepNulls() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "namespace": "t", "fields": [
                  {"name": "district", "classification": "operational", "type": "string"},
                  {"name": "surname", "classification": "personal", "type": "string"},
                  {"name": "email", "classification": "personal", "type": ["null", "string"]},
                  {"name": "aliases", "classification": "personal", "type": {"type": "array", "items": "string"}},
                  {"name": "note", "type": "string"}]}
                """);
        JsonNode original = new ObjectMapper()
                .readTree(
                        "{\"surname\": \"Okafor\", \"email\": null, \"aliases\": [\"Ade\", \"Dee\"],"
                                + " \"district\": \"Harlow\", \"note\": \"unclassified\", \"extra\": \"unknown to the contract\"}");

        JsonNode masked = Masking.mask(original, schema);

        assertThat(masked.toString())
                .isEqualTo("{\"surname\":\"***\",\"email\":null,\"aliases\":[\"***\",\"***\"],"
                        + "\"district\":\"Harlow\",\"note\":\"***\",\"extra\":\"***\"}");
        assertThat(original.get("surname").asText()).isEqualTo("Okafor");
    }
}
