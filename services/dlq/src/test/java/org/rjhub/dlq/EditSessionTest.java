package org.rjhub.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.Edits;

class EditSessionTest {

    private final PoliceReferral original =
            (PoliceReferral) Samples.records(Agency.POLICE).get(0);
    private final String postcode = original.getVictims().get(0).getAddress().getPostcode();

    @Test
    void shouldReplayWhatTheOperatorSavedInTheEditorAndRemoveTheFileAfterwards() throws Exception {
        // Given an editor in which the operator corrects the victim's postcode
        List<Path> edited = new ArrayList<>();
        Editor editor = file -> {
            edited.add(file);
            assertThat(Files.getPosixFilePermissions(file.getParent()))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
            Files.writeString(file, Files.readString(file).replace(postcode, "CM20 1AB"));
        };

        // When the record is edited
        Edits edits = EditSession.inEditor(editor, Agency.POLICE, original);

        // Then the edit is the corrected record, and the file with its personal data is gone
        assertThat(edits.records())
                .singleElement()
                .satisfies(r -> assertThat(((PoliceReferral) r)
                                .getVictims()
                                .get(0)
                                .getAddress()
                                .getPostcode())
                        .isEqualTo("CM20 1AB"));
        assertThat(edited).singleElement().satisfies(f -> {
            assertThat(f.getFileName()).hasToString("police.json");
            assertThat(f).doesNotExist();
            assertThat(f.getParent()).doesNotExist();
        });
    }

    @Test
    void shouldReplayNothingWhenTheOperatorChangedNothing() {
        assertThatThrownBy(() -> EditSession.inEditor(file -> {}, Agency.POLICE, original))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining("no change was made in the editor");
    }

    @Test
    void shouldNameEveryMismatchOfTheSavedRecord() {
        Editor breaksTheDate = file -> Files.writeString(
                file, Files.readString(file).replace("\"" + original.getIncidentDate() + "\"", "\"19/02/2026\""));

        assertThatThrownBy(() -> EditSession.inEditor(breaksTheDate, Agency.POLICE, original))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining("field incidentDate: expected a date YYYY-MM-DD, got \"19/02/2026\"");
    }

    @Test
    void shouldReadAnEditFileOfOneAgency(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fixed.json"), AgencyRecords.toFile(Agency.POLICE, original));

        Edits edits = EditSession.fromFile(Agency.POLICE, file);

        assertThat(edits.records()).containsExactly(original);
        assertThat(edits.source()).isEqualTo(file.toString());
        assertThatThrownBy(() -> EditSession.fromFile(Agency.POLICE, dir.resolve("missing.json")))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining("cannot read the edit file");
        assertThatThrownBy(() -> EditSession.fromFile(Agency.PROBATION, file))
                .isInstanceOf(DlqException.class)
                .hasMessageContaining("does not match the probation contract");
    }
}
