package org.rjhub.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Synthetic people to compare in bulk: the FEBRL sets (the linker's test resources, Australian postcodes) and
 * generated UK variants (typos, swapped names, outward codes, foreign postcodes, odd spacing, missing fields).
 */
final class PairCorpus {

    private static final Path FEBRL = Path.of("..", "linker", "src", "test", "resources", "febrl");
    private static final DateTimeFormatter FEBRL_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final String[] GIVEN = {
        "amara",
        "tobin",
        "ann",
        "anne",
        "anna",
        "john",
        "jon",
        "jonathan",
        "mohammed",
        "muhammad",
        "chloe",
        "charlotte",
        "siobhan",
        "zofia",
        "ade",
        "adebayo",
        "li",
        "lee",
        "marie",
        "mary"
    };
    private static final String[] SURNAME = {
        "pennywhistle",
        "marchbank",
        "marshbank",
        "smith",
        "smyth",
        "smith jones",
        "obrien",
        "nguyen",
        "ann",
        "lee",
        "kowalski",
        "okafor",
        "patel",
        "patil",
        "johnson",
        "jonson"
    };
    private static final String[] POSTCODE = {
        "CM20 1AB",
        "CM20 1XY",
        "CM20 3QT",
        "CM17 9LW",
        "CM20",
        "SS1 2QT",
        "SS1 2QU",
        "SS1",
        "E1 6AN",
        "E1W 1AA",
        "EC1A 1BB",
        "W1A 0AX",
        "M1 1AE",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "4011",
        "4012",
        "75008",
        "X",
        "CM201AB"
    };
    private static final String[] STREET = {
        "larkspur road",
        "larkspur rd",
        "quarry lane",
        "high street",
        "high st",
        "mill court",
        "church road",
        "station road",
        "the green"
    };
    private static final String[] TOWN = {"harlow", "southend", "epping", "chelmsford", "basildon", ""};

    private PairCorpus() {}

    /** A FEBRL set ({@code dataset1.csv} or {@code dataset2.csv}) read as the linker reads it. */
    static List<PersonRecord> febrl(String dataset) {
        List<String> lines;
        try {
            lines = Files.readAllLines(FEBRL.resolve(dataset), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] header = lines.get(0).split(",", -1);
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i].strip(), i);
        }
        List<PersonRecord> records = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split(",", -1);
            StringJoiner address = new StringJoiner(" ");
            for (String column : List.of("street_number", "address_1", "address_2", "suburb")) {
                String value = value(values, columns, column);
                if (value != null) {
                    address.add(value);
                }
            }
            records.add(PersonRecord.normalised(
                    value(values, columns, "rec_id"),
                    value(values, columns, "given_name"),
                    value(values, columns, "surname"),
                    date(value(values, columns, "date_of_birth")),
                    value(values, columns, "postcode"),
                    address.length() == 0 ? null : address.toString()));
        }
        return records;
    }

    /**
     * {@code people} generated people, each followed by a few variants of it: UK postcodes at every level of agreement,
     * names typed wrong or swapped, dates one edit, a transposition or weeks apart, fields missing. A few are built
     * with the canonical constructor, not normalised (double spaces, mixed case), as a caller may.
     */
    static List<PersonRecord> ukVariants(long seed, int people) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PersonRecord> records = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            String given = pick(random, GIVEN);
            String surname = pick(random, SURNAME);
            LocalDate dob = LocalDate.of(1940 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String postcode = pick(random, POSTCODE);
            String address = (1 + random.nextInt(120)) + " " + pick(random, STREET) + " " + pick(random, TOWN);
            records.add(PersonRecord.normalised("u-" + p, given, surname, dob, postcode, address));
            int variants = 1 + random.nextInt(4);
            for (int v = 0; v < variants; v++) {
                String id = "u-" + p + "-" + v;
                String g = random.nextInt(4) == 0 ? typo(random, given) : given;
                String s = random.nextInt(4) == 0 ? typo(random, surname) : surname;
                if (random.nextInt(8) == 0) {
                    String swap = g;
                    g = s;
                    s = swap;
                }
                LocalDate d = switch (random.nextInt(6)) {
                    case 0 -> dob.plusDays(random.nextInt(40));
                    case 1 ->
                        dob.getDayOfMonth() <= 12
                                ? LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue())
                                : dob;
                    case 2 -> dob.plusYears(random.nextInt(3) - 1L).plusMonths(random.nextInt(3));
                    case 3 -> null;
                    default -> dob;
                };
                String pc = switch (random.nextInt(12)) {
                    case 0, 1, 2 -> pick(random, POSTCODE);
                    case 3 -> null;
                    default -> postcode;
                };
                String a = switch (random.nextInt(5)) {
                    case 0 -> typo(random, address);
                    case 1 -> pick(random, STREET) + " " + address;
                    case 2 -> random.nextBoolean() ? null : "flat " + random.nextInt(9) + " " + address;
                    default -> address;
                };
                records.add(
                        random.nextInt(10) == 0
                                ? new PersonRecord(
                                        id, g, random.nextBoolean() ? null : s, d, pc, a == null ? null : "  " + a)
                                : PersonRecord.normalised(id, g, s, d, pc, a));
            }
        }
        return records;
    }

    private static String typo(SplittableRandom random, String text) {
        if (text.length() < 2) {
            return text + "x";
        }
        int at = random.nextInt(text.length() - 1);
        StringBuilder b = new StringBuilder(text);
        switch (random.nextInt(3)) {
            case 0 -> b.deleteCharAt(at);
            case 1 -> b.setCharAt(at, (char) ('a' + random.nextInt(26)));
            default -> {
                char c = b.charAt(at);
                b.setCharAt(at, b.charAt(at + 1));
                b.setCharAt(at + 1, c);
            }
        }
        return b.toString();
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String value(String[] values, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= values.length) {
            return null;
        }
        String value = values[index].strip();
        return value.isEmpty() ? null : value;
    }

    private static LocalDate date(String value) {
        if (value == null || value.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(value, FEBRL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Each pair of records sharing a blocking key once, as the clusterer finds them (blocks above its cap skipped). */
    static List<int[]> blockedPairs(List<PersonRecord> records) {
        return new PersonClusterer(PersonMatcher.withDefaults()).candidatePairs(records);
    }
}
