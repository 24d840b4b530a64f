package org.rjhub.dlq.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.dlq.DlqException;
import org.rjhub.dlq.Samples;

class AgencyRecordsTest {

    private final VictimSupportReferral referral =
            (VictimSupportReferral) Samples.records(Agency.VICTIM_SUPPORT).get(0);

    @Test
    void shouldReadEditsAsAFileAnArrayOrASingleRecord() {
        String one = AgencyRecords.toJson(Agency.VICTIM_SUPPORT, referral).toString();
        String file = AgencyRecords.toFile(Agency.VICTIM_SUPPORT, referral);

        List<SpecificRecord> fromObject = AgencyRecords.readEdits(Agency.VICTIM_SUPPORT, one, "one.json");
        List<SpecificRecord> fromArray =
                AgencyRecords.readEdits(Agency.VICTIM_SUPPORT, "[" + one + "," + one + "]", "a");
        List<SpecificRecord> fromFile = AgencyRecords.readEdits(Agency.VICTIM_SUPPORT, file, "file.json");

        assertThat(fromObject).containsExactly(referral);
        assertThat(fromArray).containsExactly(referral, referral);
        assertThat(fromFile).containsExactly(referral);
        assertThat(AgencyRecords.idOf(Agency.VICTIM_SUPPORT, fromFile.get(0))).isEqualTo(referral.getVsCaseId());
    }

    @Test
    void shouldNameTheFileRecordAndFieldOfEveryMismatch() {
        String bad = AgencyRecords.toJson(Agency.VICTIM_SUPPORT, referral)
                .put("district", 42)
                .put("nickname", "x")
                .toString();

        assertThatThrownBy(() -> AgencyRecords.readEdits(Agency.VICTIM_SUPPORT, bad, "fix.json"))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining(
                        "fix.json does not match the victim_support contract (victimsupport.referrals.v1)")
                .hasMessageContaining("field district: expected a string, got a number 42")
                .hasMessageContaining("field nickname: unknown field");
        assertThatThrownBy(() -> AgencyRecords.readEdits(Agency.VICTIM_SUPPORT, "{\"vsCaseId\": ", "fix.json"))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldFindTheAgencyByTheDeadLettersAgencyOrItsPrefixedSourceTopic() {
        UnaryOperator<String> naming = name -> "t2-dlq.".concat(name);
        DeadLetter named = Samples.entry(0, 1, "POSTCODE_SYNTAX", SourceAgency.PROBATION, "PROB-1")
                .letter();
        DeadLetter byTopic = DeadLetter.newBuilder(named)
                .setAgency(null)
                .setSourceTopic("t2-dlq.victimsupport.referrals.v1")
                .build();
        DeadLetter neither = DeadLetter.newBuilder(named)
                .setAgency(null)
                .setSourceTopic("rj.case-events.v1")
                .build();

        assertThat(AgencyRecords.agencyOf(named, naming)).contains(Agency.PROBATION);
        assertThat(AgencyRecords.agencyOf(byTopic, naming)).contains(Agency.VICTIM_SUPPORT);
        assertThat(AgencyRecords.agencyOf(neither, naming)).isEmpty();
    }

    @Test
    void shouldTellBytesThatAreNotInTheConfluentWireFormat() {
        assertThat(AgencyRecords.wireFormatProblem(new byte[] {0, 0, 0, 0, 3, 2}))
                .isEmpty();
        assertThat(AgencyRecords.wireFormatProblem("garbage!".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasValueSatisfying(p -> assertThat(p).contains("first byte is 0x67", "magic byte"));
        assertThat(AgencyRecords.wireFormatProblem(new byte[] {0, 1}))
                .hasValueSatisfying(p -> assertThat(p).contains("only 2 bytes"));
    }
}
