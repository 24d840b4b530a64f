package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is refused with exit code 2 and one line on stderr that says what is wrong and where, never a
 * stack trace, never a person's details, and nothing on stdout.
 */
class LinkCommandBadInputTest {

    private static final String HEADER = "rec_id,given_name,surname,date_of_birth,postcode";
    private static final String AMARA = "a-1,Amara,Pennywhistle,19840317,CM20 1AB";
    private static final String TOBIN = "c-1,Tobin,Marchbank,19791102,SS1 2QT";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAFileThatDoesNotExist() {
        CommandRun run = CommandRun.of(dir.resolve("missing.csv"));

        assertRefused(run, "no such file: " + dir.resolve("missing.csv"));
    }

    @Test
    void shouldRefuseAnUnknownExtension() throws IOException {
        Path file = Files.writeString(dir.resolve("people.txt"), HEADER + "\n" + AMARA + "\n");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "people.txt: unknown extension: expected .csv (a person extract) or .json");
    }

    @Test
    void shouldRefuseACsvWithoutARecordIdColumn() throws IOException {
        Path file =
                csv("people.csv", "given_name,surname,date_of_birth,postcode", "Amara,Pennywhistle,19840317,CM20 1AB");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "people.csv: no record id column in the header (expected rec_id, record_id, id)");
    }

    @Test
    void shouldRefuseAnEmptyCsv() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "\n\n");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "empty.csv is empty: expected a header row naming the columns");
    }

    @Test
    void shouldRefuseARowWithAnUnclosedQuoteNamingTheLineButNotTheValues() throws IOException {
        Path file = csv("people.csv", HEADER, TOBIN, "a-1,\"Amara,Pennywhistle,19840317,CM20 1AB");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "people.csv line 3: a quoted value is not closed");
        assertThat(run.err()).doesNotContain("Amara", "Pennywhistle", "19840317", "CM20");
    }

    @Test
    void shouldRefuseARowWithMoreValuesThanColumns() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA, "c-1,Tobin,Marchbank,Jr,19791102,SS1 2QT");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "people.csv line 3: 6 values but the header names 5 columns");
        assertThat(run.err()).doesNotContain("Tobin", "Marchbank");
    }

    @Test
    void shouldRefuseARowWithoutARecordId() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA, " ,Tobin,Marchbank,19791102,SS1 2QT");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "people.csv line 3: no record id (column rec_id)");
    }

    @Test
    void shouldRefuseARecordIdGivenTwice() throws IOException {
        Path first = csv("first.csv", HEADER, AMARA);
        Path second = csv("second.csv", HEADER, TOBIN, AMARA.replace("Amara", "Amy"));

        CommandRun run = CommandRun.of(first, second);

        assertRefused(run, "record id a-1 appears twice, in " + first + " and " + second);
    }

    @Test
    void shouldRefuseExtractsAndAgencyFilesTogether() throws IOException {
        Path extract = csv("people.csv", HEADER, AMARA);
        Path referrals = Files.writeString(dir.resolve("police.json"), "[]");

        CommandRun run = CommandRun.of(extract, referrals);

        assertRefused(run, "person extracts (.csv) and agency files (.json) give different outputs");
    }

    @Test
    void shouldRefuseTextThatIsNotJsonWithTheContractReadersMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("police.json"), "[{\"referralId\": \"PR-1\",\n  victims: []}]");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "police.json: not valid JSON: line 2 column 3: Unexpected character ('v'");
    }

    @Test
    void shouldRefuseARecordThatBreaksTheContractNamingRecordAndField() throws IOException {
        Path file =
                Files.writeString(dir.resolve("vs.json"), "[{\"vsCaseId\": \"VS-1\", \"victim\": {\"forename\": 7}}]");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "vs.json: record 0 (vsCaseId VS-1): field ");
        assertThat(run.err()).containsPattern("; and \\d+ more problems");
    }

    @Test
    void shouldRefuseABadFileWithTheAgencyGivenToo() throws IOException {
        Path file = Files.writeString(dir.resolve("export.json"), "{\"records\": []}");

        CommandRun run = CommandRun.of("--agency", "probation", file);

        assertRefused(
                run,
                "export.json: expected a JSON array of records or an object {\"referrals\": [...]}, got an "
                        + "object with fields [records]");
    }

    @Test
    void shouldSayWhenItCannotTellTheAgency() throws IOException {
        Path file = Files.writeString(dir.resolve("export.json"), "[{\"id\": \"X-1\"}]");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "cannot tell which agency " + file + " is from");
        assertThat(run.err()).contains("give --agency police|probation|victimsupport");
    }

    @Test
    void shouldRefuseAFileMixingAgencies() throws IOException {
        Path file = Files.writeString(
                dir.resolve("all.json"),
                "{\"referrals\": [{\"referralId\": \"PR-1\", \"victims\": []}, {\"crn\": \"X123456\"}]}");

        CommandRun run = CommandRun.of(file);

        assertRefused(run, "all.json mixes records of police and probation");
    }

    @Test
    void shouldRefuseAnUnknownAgencyAsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("police.json"), "[]");

        CommandRun run = CommandRun.of("--agency", "fire", file);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("unknown agency 'fire': use police, probation or victimsupport")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldRefuseADecisionAboutARecordNotInTheInput() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA, TOBIN);

        CommandRun run = CommandRun.of(file, "--keep-apart", "a-1,z-9");

        assertRefused(run, "--keep-apart a-1,z-9: no record z-9 in the input");
    }

    @Test
    void shouldRefuseContradictoryDecisions() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA, TOBIN);

        CommandRun run = CommandRun.of(file, "--keep-apart", "a-1,c-1", "--link", "c-1,a-1");

        assertRefused(run, "--keep-apart and --link contradict each other");
    }

    @Test
    void shouldRefuseADecisionThatIsNotAPair() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA, TOBIN);

        CommandRun run = CommandRun.of(file, "--link", "a-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected two record ids A,B, got 'a-1'").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseTheFebrlTruthForRecordsWithoutFebrlIds() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA);

        CommandRun run = CommandRun.of(file, "--truth", "febrl");

        assertRefused(run, "--truth febrl: record id a-1 is not a FEBRL id (rec-N-org or rec-N-dup-K)");
    }

    @Test
    void shouldRefuseTheFebrlTruthForAgencyFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("police.json"), "[]");

        CommandRun run = CommandRun.of(file, "--truth", "febrl");

        assertRefused(run, "--truth febrl judges FEBRL person extracts (.csv), not agency files");
    }

    @Test
    void shouldRefuseAnOutputItCannotWrite() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA);
        Path out = dir.resolve("no-such-dir").resolve("persons.csv");

        CommandRun run = CommandRun.of(file, "--out", out);

        assertRefused(run, "cannot write " + out + ": its directory does not exist");
    }

    @Test
    void shouldRefuseToOverwriteAnInput() throws IOException {
        Path file = csv("people.csv", HEADER, AMARA);

        CommandRun run = CommandRun.of(file, "--out", file);

        assertRefused(run, file + " is an input: it must not be overwritten");
        assertThat(Files.readString(file)).startsWith(HEADER);
    }

    /** Exit code 2, one line on stderr naming the command and the problem, nothing on stdout. */
    private static void assertRefused(CommandRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("link: ").contains(message).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
