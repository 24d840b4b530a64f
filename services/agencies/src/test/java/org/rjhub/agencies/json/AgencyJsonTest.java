package org.rjhub.agencies.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJsonException.Reason;
import org.rjhub.contracts.police.PoliceReferral;

class AgencyJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AgencyJson<PoliceReferral> POLICE = AgencyJson.police();

    @ParameterizedTest
    @EnumSource(Agency.class)
    void shouldReadTheShippedSampleFileOfEveryAgency(Agency agency) throws IOException {
        try (InputStream in = sample(agency.fileName())) {
            var records = AgencyJson.forAgency(agency).read(in);

            assertThat(records)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getSchema())
                            .isEqualTo(agency.contract().schema()));
        }
    }

    @Test
    void shouldWriteTheAgencysOwnFieldNamesWithoutUnionWrappers() {
        var referral = firstPoliceReferral();

        var json = POLICE.toJson(referral);

        assertThat(json.get("referralId").asText()).isEqualTo(referral.getReferralId());
        assertThat(json.get("incidentDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(json.get("submittedAt").asText()).endsWith("Z");
        assertThat(json.get("victims").get(0).get("address").get("line2").isNull()
                        || json.get("victims")
                                .get(0)
                                .get("address")
                                .get("line2")
                                .isTextual())
                .isTrue();
        assertThat(json.toString()).doesNotContain("\"string\":").doesNotContain("org.rjhub");
    }

    @Test
    void shouldReadAPlainArrayAndTheReferralsObjectAlike() throws Exception {
        var referral = firstPoliceReferral();
        var array = MAPPER.createArrayNode().add(POLICE.toJson(referral));

        assertThat(POLICE.read(array.toString())).containsExactly(referral);
        assertThat(POLICE.read(POLICE.write(List.of(referral)))).containsExactly(referral);
    }

    @Test
    void shouldApplyContractDefaultsToAbsentOptionalFields() {
        var json = POLICE.toJson(firstPoliceReferral());
        json.remove(List.of("crimeReference", "asbFlag", "neighbourDispute", "domesticAbuse", "hateCrime"));
        ((ObjectNode) json.get("victims").get(0).get("contact")).remove("email");

        var read = POLICE.readRecord(json);

        assertThat(read.getCrimeReference()).isNull();
        assertThat(read.getAsbFlag()).isFalse();
        assertThat(read.getHateCrime()).isFalse();
        assertThat(read.getVictims().get(0).getContact().getEmail()).isNull();
    }

    // ---- one test per kind of error: each names the record, its id and the field

    @Test
    void shouldNameRecordIdAndFieldOfABadDate() {
        var error = readBadPolice(3, "PR-2026-000123", json -> victim(json).put("dateOfBirth", "31/02/1990"));

        assertThat(error)
                .hasMessage("record 3 (referralId PR-2026-000123): field victims[0].dateOfBirth: "
                        + "expected a date YYYY-MM-DD, got \"31/02/1990\"");
        assertThat(error.first().reason()).isEqualTo(Reason.BAD_DATE);
        assertThat(error.first().recordIndex()).isEqualTo(3);
        assertThat(error.first().fieldPath()).isEqualTo("victims[0].dateOfBirth");
    }

    @Test
    void shouldRejectAnImpossibleDateInTheRightFormat() {
        var error = readBadPolice(0, "PR-1", json -> json.put("incidentDate", "2026-02-30"));

        assertThat(error).hasMessageContaining("field incidentDate: expected a date YYYY-MM-DD, got \"2026-02-30\"");
    }

    @Test
    void shouldNameAnUnknownFieldAndListTheAllowedOnes() {
        var error = readBadPolice(1, "PR-2", json -> victim(json).put("nickname", "Vicky"));

        assertThat(error.first().reason()).isEqualTo(Reason.UNKNOWN_FIELD);
        assertThat(error)
                .hasMessageStartingWith(
                        "record 1 (referralId PR-2): field victims[0].nickname: unknown field (allowed: forename, surname, dateOfBirth");
    }

    @Test
    void shouldNameAMissingRequiredField() {
        var error = readBadPolice(2, "PR-3", json -> ((ObjectNode) json.get("officerInCase")).remove("collarNumber"));

        assertThat(error)
                .hasMessage("record 2 (referralId PR-3): field officerInCase.collarNumber: "
                        + "missing required field (expected a string)");
        assertThat(error.first().reason()).isEqualTo(Reason.MISSING_FIELD);
    }

    @Test
    void shouldListTheAllowedSymbolsOfAWrongEnum() {
        var error = readBadPolice(0, "PR-4", json -> json.put("justiceStage", "PENDING"));

        assertThat(error)
                .hasMessage("record 0 (referralId PR-4): field justiceStage: expected one of "
                        + "[OUT_OF_COURT, AWAITING_COURT, SENTENCED, NO_FURTHER_ACTION], got \"PENDING\"");
        assertThat(error.first().reason()).isEqualTo(Reason.BAD_ENUM_SYMBOL);
    }

    @Test
    void shouldNameAWrongTypeWithWhatWasExpectedAndFound() {
        var error = readBadPolice(0, "PR-5", json -> json.put("victimConsentToReferral", "yes"));

        assertThat(error)
                .hasMessage("record 0 (referralId PR-5): field victimConsentToReferral: "
                        + "expected a boolean (true or false), got a string \"yes\"");
        assertThat(error.first().reason()).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void shouldRejectNullWhereTheContractDoesNotAllowIt() {
        var error = readBadPolice(0, "PR-6", json -> json.putNull("district"));

        assertThat(error)
                .hasMessage("record 0 (referralId PR-6): field district: must not be null (expected a string)");
        assertThat(error.first().reason()).isEqualTo(Reason.NULL_NOT_ALLOWED);
    }

    @Test
    void shouldRejectATimestampWithoutOffset() {
        var error = readBadPolice(0, "PR-7", json -> json.put("submittedAt", "2026-03-01 10:15"));

        assertThat(error)
                .hasMessageContaining("field submittedAt: expected an ISO-8601 timestamp with offset, "
                        + "e.g. 2026-03-01T10:15:30Z, got \"2026-03-01 10:15\"");
        assertThat(error.first().reason()).isEqualTo(Reason.BAD_TIMESTAMP);
    }

    @Test
    void shouldNameTheElementOfAnArrayOfTheWrongType() {
        var error = readBadPolice(
                0,
                "PR-8",
                json -> victim(json).putArray("vulnerabilities").add("ELDERLY").add(5));

        assertThat(error).hasMessageContaining("field victims[0].vulnerabilities[1]: expected one of [MENTAL_HEALTH");
    }

    @Test
    void shouldNameTheRecordByIndexAloneWhenItHasNoId() {
        var json = POLICE.toJson(firstPoliceReferral());
        json.remove("referralId");

        var error = catchThrowableOfType(
                AgencyJsonException.class,
                () -> POLICE.read(MAPPER.createArrayNode().add(json)));

        assertThat(error).hasMessage("record 0: field referralId: missing required field (expected a string)");
    }

    @Test
    void shouldReportARecordThatIsNotAnObject() {
        var error = catchThrowableOfType(AgencyJsonException.class, () -> POLICE.read("[42]"));

        assertThat(error).hasMessage("record 0: expected an object, got a number 42");
        assertThat(error.first().reason()).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void shouldReportAFileThatIsNotJson() {
        var error = catchThrowableOfType(
                AgencyJsonException.class, () -> POLICE.read("{\"referrals\": [ {\"referralId\": }"));

        assertThat(error.first().reason()).isEqualTo(Reason.NOT_JSON);
        assertThat(error).hasMessageStartingWith("not valid JSON: line 1 column");
    }

    @Test
    void shouldReportAFileOfTheWrongShape() {
        assertThatThrownBy(() -> POLICE.read("{\"records\": []}"))
                .isInstanceOf(AgencyJsonException.class)
                .hasMessage(
                        "expected a JSON array of records or an object {\"referrals\": [...]}, got an object with fields [records]");
        assertThatThrownBy(() -> POLICE.read("\"PR-1\""))
                .hasMessage(
                        "expected a JSON array of records or an object {\"referrals\": [...]}, got a string \"PR-1\"");
    }

    @Test
    void shouldReportDuplicateFieldsAsInvalidJson() {
        var error = catchThrowableOfType(
                AgencyJsonException.class, () -> POLICE.read("[{\"referralId\": \"a\", \"referralId\": \"b\"}]"));

        assertThat(error.first().reason()).isEqualTo(Reason.NOT_JSON);
        assertThat(error).hasMessageContaining("Duplicate field 'referralId'");
    }

    @Test
    void shouldReportEveryProblemOfTheShippedBadFile() throws IOException {
        try (InputStream in = sample("invalid/police-bad.json")) {
            var error = catchThrowableOfType(AgencyJsonException.class, () -> POLICE.read(in));

            assertThat(error.problems())
                    .extracting(AgencyJsonException.Problem::toString)
                    .containsExactly(
                            "record 1 (referralId PR-2026-900001): field victims[0].dateOfBirth: expected a date YYYY-MM-DD, got \"31/02/1990\"",
                            "record 2 (referralId PR-2026-900002): field justiceStage: expected one of [OUT_OF_COURT, AWAITING_COURT, SENTENCED, NO_FURTHER_ACTION], got \"PENDING\"",
                            "record 2 (referralId PR-2026-900002): field victims[0].nickname: unknown field (allowed: forename, surname, dateOfBirth, address, contact, vulnerabilities)",
                            "record 3 (referralId PR-2026-900003): field offenders[0].surname: missing required field (expected a string)",
                            "record 3 (referralId PR-2026-900003): field victimConsentToReferral: expected a boolean (true or false), got a string \"yes\"",
                            "record 4 (referralId PR-2026-900004): field district: must not be null (expected a string)",
                            "record 4 (referralId PR-2026-900004): field submittedAt: expected an ISO-8601 timestamp with offset, e.g. 2026-03-01T10:15:30Z, got \"yesterday\"",
                            "record 5: expected an object, got a string \"PR-2026-900005\"");
        }
    }

    // ---- helpers

    private static <T extends SpecificRecord> List<T> roundTrip(AgencyJson<T> json, List<SpecificRecord> values) {
        var typed = values.stream().map(json.type()::cast).toList();
        return json.read(json.write(typed));
    }

    private static PoliceReferral firstPoliceReferral() {
        try (var in = AgencyJsonTest.class.getResourceAsStream("/samples/police.json")) {
            return POLICE.read(in).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a police file whose record {@code index} has the given id and one edit; the other records are valid. */
    private static AgencyJsonException readBadPolice(
            int index, String id, java.util.function.Consumer<ObjectNode> edit) {
        var array = MAPPER.createArrayNode();
        for (int i = 0; i <= index; i++) {
            var json = POLICE.toJson(firstPoliceReferral());
            if (i == index) {
                json.put("referralId", id);
                edit.accept(json);
            }
            array.add(json);
        }
        return catchThrowableOfType(AgencyJsonException.class, () -> POLICE.read(array.toString()));
    }

    private static ObjectNode victim(ObjectNode referral) {
        return (ObjectNode) referral.get("victims").get(0);
    }

    private static InputStream sample(String name) {
        var in = AgencyJsonTest.class.getResourceAsStream("/samples/" + name);
        assertThat(in).as("sample %s", name).isNotNull();
        return in;
    }
}
