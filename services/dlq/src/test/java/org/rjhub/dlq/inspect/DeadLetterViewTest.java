package org.rjhub.dlq.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.dlq.Samples;
import org.rjhub.dlq.records.AgencyRecords;

class DeadLetterViewTest {

    private final PoliceReferral referral =
            (PoliceReferral) Samples.records(Agency.POLICE).get(0);
    private final DeadLetterEntry entry =
            Samples.entry(1, 4, "POSTCODE_SYNTAX", SourceAgency.POLICE, referral.getReferralId());

    @Test
    void shouldShowProvenanceAndTheRecordWithPersonalDataMasked() {
        String shown = DeadLetterView.render(
                entry, Optional.of(Agency.POLICE), new AgencyRecords.Readable(referral, 7), List.of(), false);

        String surname = referral.getVictims().get(0).getSurname();
        String postcode = referral.getVictims().get(0).getAddress().getPostcode();
        assertThat(shown)
                .contains(
                        "dead letter  1:4 on rj.dead-letters.v1",
                        "rule         POSTCODE_SYNTAX",
                        "source       police.referrals.v1 partition 2 offset 104",
                        "referral id  " + referral.getReferralId(),
                        "replayed     no",
                        "schema id 7",
                        "personal data masked",
                        "\"surname\" : \"***\"",
                        "\"district\" : \"" + referral.getDistrict() + "\"");
        assertThat(shown).doesNotContain(surname, postcode);
    }

    @Test
    void shouldShowPersonalDataWhenAskedUnmasked() {
        String shown = DeadLetterView.render(
                entry,
                Optional.of(Agency.POLICE),
                new AgencyRecords.Readable(referral, 7),
                List.of(Samples.replayOf(entry, "alice", true)),
                true);

        assertThat(shown)
                .contains(referral.getVictims().get(0).getSurname(), "personal data shown")
                .contains("replayed     2026-03-02T09:00:00Z by alice to police.referrals.v1 2:900, edited")
                .doesNotContain("***");
    }

    @Test
    void shouldListWhoViewedItUnmaskedAndWhenBesideTheReplays() {
        var view = UnmaskedViewAudit.record(entry, "dana", Instant.parse("2026-03-02T08:00:00Z"));

        String shown = DeadLetterView.render(
                entry, Optional.of(Agency.POLICE), new AgencyRecords.Readable(referral, 7), List.of(view), false);

        assertThat(view.getDeadLetterTopic()).isEqualTo("rj.dead-letters.v1");
        assertThat(view.getDeadLetterPartition()).isEqualTo(1);
        assertThat(view.getDeadLetterOffset()).isEqualTo(4L);
        assertThat(view.getAgencyReferralId()).isEqualTo(referral.getReferralId());
        assertThat(shown).contains("unmasked     2026-03-02T08:00:00Z by dana", "replayed     no");
    }

    @Test
    void shouldShowAnUnreadableValuesBytesOnlyWhenUnmasked() {
        byte[] garbage = "Surname=Okafor;dob=1990".getBytes(StandardCharsets.UTF_8);
        DeadLetterEntry bad = Samples.entry(
                0, 9, "UNREADABLE_RECORD", SourceAgency.POLICE, "PR-9", garbage, Instant.parse("2026-03-01T10:00:00Z"));
        AgencyRecords.Decoded decoded = new AgencyRecords.Unreadable("not the Confluent wire format");

        String masked = DeadLetterView.render(bad, Optional.of(Agency.POLICE), decoded, List.of(), false);
        String unmasked = DeadLetterView.render(bad, Optional.of(Agency.POLICE), decoded, List.of(), true);

        assertThat(masked)
                .contains("23 bytes, not the Confluent wire format", "--unmasked shows them")
                .doesNotContain("Okafor", "53 75 72");
        assertThat(unmasked).contains("00000000  53 75 72 6e", "|Surname=Okafor;d|");
    }

    @Test
    void shouldPadTheLastRowOfAHexDump() {
        assertThat(DeadLetterView.hex(new byte[] {0, 'A', (byte) 0xff}))
                .isEqualTo("00000000  00 41 ff" + " ".repeat(13 * 3) + "  |.A.|" + System.lineSeparator());
    }
}
