package org.rjhub.dlq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.Edits;

/**
 * Corrected records for a replay: read from an edit file, or edited by the operator in their editor from
 * the dead letter's record. The editor's file holds personal data: it is readable by the operator only and
 * removed afterwards.
 */
final class EditSession {

    private EditSession() {}

    /** The records of an agency JSON file (as {@code hub publish} takes it, or one record as an object). */
    static Edits fromFile(Agency agency, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DlqException("cannot read the edit file " + file + ": " + e.getMessage(), e);
        }
        List<SpecificRecord> records = AgencyRecords.readEdits(agency, text, file.toString());
        if (records.isEmpty()) {
            throw new DlqException(file + " holds no record");
        }
        return new Edits(agency, records, file.toString());
    }

    /** Opens the record in the editor as an agency file; the saved text is the edit. */
    static Edits inEditor(Editor editor, Agency agency, SpecificRecord original) {
        String before = AgencyRecords.toFile(agency, original);
        Path dir = null;
        Path file = null;
        try {
            dir = privateTempDir();
            file = dir.resolve(agency.fileName());
            Files.writeString(file, before, StandardCharsets.UTF_8);
            editor.edit(file);
            String after = Files.readString(file, StandardCharsets.UTF_8);
            if (after.equals(before)) {
                throw new DlqException("no change was made in the editor: nothing replayed (replay without --edit to "
                        + "send the record as it was)");
            }
            List<SpecificRecord> records = AgencyRecords.readEdits(agency, after, "the edited record");
            if (records.size() != 1) {
                throw new DlqException("the edited file must hold exactly one record, it holds " + records.size());
            }
            return new Edits(agency, records, "the edited record");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit the record: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DlqException("interrupted while editing: nothing replayed", e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static Path privateTempDir() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(
                    "rj-dlq-edit-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("rj-dlq-edit-");
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover file in the operator's own temporary folder; nothing else to do
        }
    }
}
