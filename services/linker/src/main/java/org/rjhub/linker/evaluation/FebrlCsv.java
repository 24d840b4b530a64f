package org.rjhub.linker.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
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
import java.util.StringJoiner;
import org.rjhub.matching.PersonRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads person extracts in the FEBRL CSV layout: a header naming the columns, in any order, then
 * one person a line, values separated by {@code ", "}. FEBRL values hold no quoted commas, so a
 * plain split is enough (no CSV library).
 *
 * <p>Columns used: {@code rec_id} (required), {@code given_name}, {@code surname},
 * {@code street_number}, {@code address_1}, {@code address_2}, {@code suburb}, {@code postcode},
 * {@code date_of_birth} ({@code yyyyMMdd}). Anything else, {@code soc_sec_id} in particular, is
 * ignored: a national identifier our agencies do not share must not help the matcher. A blank or
 * invalid date becomes {@code null}; a row without a record id is skipped (and counted in the
 * log, which never shows values).
 */
public final class FebrlCsv {

    private static final Logger LOG = LoggerFactory.getLogger(FebrlCsv.class);

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final String REC_ID = "rec_id";
    private static final List<String> ADDRESS_COLUMNS = List.of("street_number", "address_1", "address_2", "suburb");

    private FebrlCsv() {}

    public static List<PersonRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /**
     * Parses an extract.
     *
     * @throws IllegalArgumentException if there is no header or it has no {@code rec_id} column
     */
    public static List<PersonRecord> parse(Reader source) {
        BufferedReader reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
        try {
            Map<String, Integer> columns = header(reader);
            List<PersonRecord> records = new ArrayList<>();
            int lineNumber = 1;
            int skipped = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Row row = new Row(line.split(",", -1), columns);
                String id = row.get(REC_ID);
                if (id == null) {
                    skipped++;
                    LOG.warn("Skipped FEBRL line {}: no record id", lineNumber);
                    continue;
                }
                records.add(PersonRecord.normalised(
                        id,
                        row.get("given_name"),
                        row.get("surname"),
                        date(row.get("date_of_birth")),
                        row.get("postcode"),
                        address(row)));
            }
            LOG.debug("Read {} FEBRL records, skipped {} lines", records.size(), skipped);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> header(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        while (line != null && line.isBlank()) {
            line = reader.readLine();
        }
        if (line == null) {
            throw new IllegalArgumentException("FEBRL extract has no header");
        }
        String[] names = line.replace("\uFEFF", "").split(",", -1);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.putIfAbsent(names[i].strip().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey(REC_ID)) {
            throw new IllegalArgumentException("FEBRL header has no " + REC_ID + " column");
        }
        return columns;
    }

    /** A date in {@code yyyyMMdd}, or {@code null} when blank or not a real date. */
    static LocalDate date(String value) {
        if (value == null || value.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String address(Row row) {
        StringJoiner address = new StringJoiner(" ");
        for (String column : ADDRESS_COLUMNS) {
            String value = row.get(column);
            if (value != null) {
                address.add(value);
            }
        }
        return address.length() == 0 ? null : address.toString();
    }

    private record Row(String[] values, Map<String, Integer> columns) {

        /** The trimmed value of a column, {@code null} when absent or blank. */
        String get(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= values.length) {
                return null;
            }
            String value = values[index].strip();
            return value.isEmpty() ? null : value;
        }
    }
}
