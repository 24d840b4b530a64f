package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hub link EXTRACT.csv}: persons out of a person extract. Every person here is invented. */
class LinkCommandPersonExtractTest {

    private static final String HEADER = "id,forename,surname,dob,postcode,address";
    private static final List<String> PEOPLE = List.of(
            "a-1,Amara,Pennywhistle,1984-03-17,CM20 1AB,\"12 Larkspur Road, Harlow\"",
            "b-1,amara,PENNYWHISTLE,17/03/1984,cm201ab,12 larkspur road harlow",
            "c-1,Tobin,Marchbank,1979-11-02,SS1 2QT,4 Quarry Lane Southend",
            "d-1,Tobyn,Marchbank,19791102,SS1 2QT,4 Quarry Lane Southend",
            "e-1,Ines,Farrowdale,1990-06-30,CO1 1XY,7 Mill Street Colchester",
            // Amara's child: same surname and address, another forename and date of birth
            "f-1,Kofi,Pennywhistle,2010-01-05,CM20 1AB,12 Larkspur Road Harlow");

    @TempDir
    Path dir;

    @Test
    void shouldWriteEachRecordWithItsPersonNamedAfterThePersonsSmallestRecordId() throws IOException {
        // Given an extract naming three people twice each but one, and a child at one address
        Path extract = extract("people.csv", PEOPLE);

        // When
        CommandRun run = CommandRun.of(extract);

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines())
                .containsExactly("rec_id,person_id", "a-1,a-1", "b-1,a-1", "c-1,c-1", "d-1,c-1", "e-1,e-1", "f-1,f-1");
        assertThat(run.figure("records")).isEqualTo("6");
        assertThat(run.figure("persons")).isEqualTo("4");
        assertThat(run.figure("match pairs")).isEqualTo("2");
        assertThat(run.figure("review pairs")).isEqualTo("2");
        assertThat(run.figure("runtime")).endsWith(" ms");
    }

    @Test
    void shouldGiveTheSamePersonsWhateverTheOrderOfTheRecords() throws IOException {
        // Given the extract as written, and shuffled
        String expected = CommandRun.of(extract("people.csv", PEOPLE)).out();
        Random random = new Random(42);

        for (int i = 0; i < 5; i++) {
            List<String> shuffled = new ArrayList<>(PEOPLE);
            Collections.shuffle(shuffled, random);

            // When
            CommandRun run = CommandRun.of(extract("shuffled-" + i + ".csv", shuffled));

            // Then: the same rows, byte for byte
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(expected);
        }
    }

    @Test
    void shouldLinkAcrossExtractsAsIfTheyWereOne() throws IOException {
        // Given the people split over two extracts, one with its columns in another order
        Path first = extract("first.csv", PEOPLE.subList(0, 3));
        List<String> reordered = PEOPLE.subList(3, 6).stream()
                .map(LinkCommandPersonExtractTest::idLast)
                .toList();
        Path second = Files.writeString(
                dir.resolve("second.csv"),
                "forename,surname,dob,postcode,address,id\n" + String.join("\n", reordered) + "\n");

        // When
        CommandRun run = CommandRun.of(first, second);

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(CommandRun.of(extract("people.csv", PEOPLE)).out());
    }

    @Test
    void shouldFollowPeoplesDecisionsOverTheScores() throws IOException {
        // Given a matched pair a person says are two people, and an unmatched pair a person says is one
        Path extract = extract("people.csv", PEOPLE);

        // When
        CommandRun run = CommandRun.of(extract, "--keep-apart", "b-1,a-1", "--link", "c-1,e-1");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).contains("a-1,a-1", "b-1,b-1", "d-1,c-1", "e-1,c-1");
    }

    @Test
    void shouldWriteThePairsLeftToReviewAndTheOutputToFiles() throws IOException {
        // Given
        Path extract = extract("people.csv", PEOPLE);
        Path out = dir.resolve("persons.csv");
        Path reviews = dir.resolve("reviews.csv");

        // When
        CommandRun run = CommandRun.of(extract, "--out", out, "--reviews", reviews);

        // Then: the child is neither linked to nor silently separated from the parent's records
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readAllLines(out)).hasSize(7).startsWith("rec_id,person_id");
        assertThat(Files.readAllLines(reviews)).containsExactly("record_a,record_b", "a-1,f-1", "b-1,f-1");
    }

    @Test
    void shouldJudgeAgainstTheFebrlTruthWhenEveryIdIsAFebrlId() throws IOException {
        // Given the same people under FEBRL ids: rec-1 twice, rec-2 twice, rec-3 once, rec-4 (the child) once
        List<String> febrl = List.of(
                PEOPLE.get(0).replace("a-1", "rec-1-org"), PEOPLE.get(1).replace("b-1", "rec-1-dup-0"),
                PEOPLE.get(2).replace("c-1", "rec-2-org"), PEOPLE.get(3).replace("d-1", "rec-2-dup-0"),
                PEOPLE.get(4).replace("e-1", "rec-3-org"), PEOPLE.get(5).replace("f-1", "rec-4-org"));
        Path extract = Files.writeString(
                dir.resolve("febrl.csv"), HEADER.replace("id,", "rec_id,") + "\n" + String.join("\n", febrl) + "\n");

        // When
        CommandRun run = CommandRun.of(extract);
        CommandRun withoutTruth = CommandRun.of(extract, "--truth", "none");

        // Then: the figures go to stderr, stdout stays the CSV
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figure("precision")).isEqualTo("1.0000");
        assertThat(run.figure("recall")).isEqualTo("1.0000");
        assertThat(run.figure("F1")).isEqualTo("1.0000");
        assertThat(run.outLines()).allMatch(line -> line.matches("rec_id,person_id|rec-\\d+-\\S+,rec-\\d+-\\S+"));
        assertThat(withoutTruth.err()).doesNotContain("precision");
        assertThat(withoutTruth.out()).isEqualTo(run.out());
    }

    @Test
    void shouldNotJudgeWhenSomeIdIsNotAFebrlId() throws IOException {
        CommandRun run = CommandRun.of(extract("people.csv", PEOPLE));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("precision");
    }

    private Path extract(String name, List<String> rows) throws IOException {
        return Files.writeString(
                dir.resolve(name), HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    }

    /** A row with its id moved to the end. */
    private static String idLast(String row) {
        int comma = row.indexOf(',');
        return row.substring(comma + 1) + "," + row.substring(0, comma);
    }
}
