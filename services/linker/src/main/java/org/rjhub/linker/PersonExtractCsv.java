package org.rjhub.linker;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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
import java.util.regex.Pattern;
import org.rjhub.linker.LinkInputException.Reason;
import org.rjhub.matching.PersonRecord;

/**
 * Reads a person extract: CSV with a header row naming the columns, in any order, then one person a row. Values may
 * be quoted as in RFC 4180 ({@code "Smith, Jr"}, {@code ""} for a quote); every value is trimmed. A FEBRL extract reads
 * as it is, into exactly the records the router's {@code FebrlCsv} gives; other extracts may use the usual alternative
 * column names (below). Unknown columns are ignored, {@code soc_sec_id} included: an identifier the agencies do not
 * share must not help the matcher.
 *
 * <p>Columns, by header name (case, spaces and hyphens do not matter):
 *
 * <ul>
 *   <li>record id (required): {@code rec_id}, {@code record_id} or {@code id}
 *   <li>forename: {@code given_name}, {@code forename}, {@code first_name}
 *   <li>surname: {@code surname}, {@code last_name}, {@code family_name}
 *   <li>date of birth: {@code date_of_birth}, {@code dob}, {@code birth_date}; as {@code yyyyMMdd} (FEBRL),
 *       {@code yyyy-MM-dd} or {@code dd/MM/yyyy}; anything else, an impossible date included, is unknown (and counted)
 *   <li>postcode: {@code postcode}, {@code post_code}, {@code postal_code}
 *   <li>address, joined in this order: {@code street_number}, {@code house_number}, {@code address_line_1},
 *       {@code address_1}, {@code address}, {@code address_line}, {@code street}, {@code address_line_2},
 *       {@code address_2}, {@code suburb}, {@code locality}, {@code town}
 * </ul>
 */
final class PersonExtractCsv {

    /** What an extract gave: its records in file order, and how many dates of birth could not be read. */
    record Extract(List<PersonRecord> records, int unreadableDates) {
        Extract {
            records = List.copyOf(records);
        }
    }

    static final List<String> ID = List.of("rec_id", "record_id", "id");
    private static final List<String> FORENAME = List.of("given_name", "forename", "first_name", "firstname");
    private static final List<String> SURNAME = List.of("surname", "last_name", "lastname", "family_name");
    private static final List<String> DATE_OF_BIRTH = List.of("date_of_birth", "dob", "birth_date");
    private static final List<String> POSTCODE = List.of("postcode", "post_code", "postal_code");
    private static final List<String> ADDRESS = List.of(
            "street_number",
            "house_number",
            "address_line_1",
            "address_1",
            "address",
            "address_line",
            "street",
            "address_line_2",
            "address_2",
            "suburb",
            "locality",
            "town");

    private static final Pattern HEADER_SEPARATORS = Pattern.compile("[\\s-]+");
    private static final Pattern BASIC = Pattern.compile("\\d{8}");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UK = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    private static final DateTimeFormatter BASIC_DATE = strict("uuuuMMdd");
    private static final DateTimeFormatter ISO_DATE = strict("uuuu-MM-dd");
    private static final DateTimeFormatter UK_DATE = strict("d/M/uuuu");

    private PersonExtractCsv() {}

    /** Reads an extract (UTF-8). */
    static Extract read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new LinkInputException(Reason.BAD_CSV, file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw LinkInputException.io("read", file, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses an extract's text.
     *
     * @param source the file name, for messages
     */
    static Extract parse(String text, String source) {
        Rows rows = new Rows(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
        List<String> names = rows.next();
        while (names != null && blank(names)) {
            names = rows.next();
        }
        if (names == null) {
            throw new LinkInputException(
                    Reason.BAD_CSV, source + " is empty: expected a header row naming the columns");
        }
        Columns columns = new Columns(names);
        if (columns.id < 0) {
            throw new LinkInputException(
                    Reason.NO_ID_COLUMN,
                    source + ": no record id column in the header (expected " + String.join(", ", ID) + ")");
        }
        List<PersonRecord> records = new ArrayList<>();
        int unreadableDates = 0;
        for (List<String> values = rows.next(); values != null; values = rows.next()) {
            if (blank(values)) {
                continue;
            }
            for (int i = names.size(); i < values.size(); i++) {
                if (!values.get(i).isBlank()) {
                    throw new LinkInputException(
                            Reason.BAD_CSV,
                            source + " line " + rows.rowLine() + ": "
                                    + values.size() + " values but the header names " + names.size()
                                    + " columns (a value holding a comma must be quoted)");
                }
            }
            String id = columns.value(values, columns.id);
            if (id == null) {
                throw new LinkInputException(
                        Reason.BAD_CSV,
                        source + " line " + rows.rowLine() + ": no record id (column "
                                + names.get(columns.id).strip() + ")");
            }
            String dobText = columns.value(values, columns.dateOfBirth);
            LocalDate dob = dobText == null ? null : date(dobText);
            if (dobText != null && dob == null) {
                unreadableDates++;
            }
            records.add(PersonRecord.normalised(
                    id,
                    columns.value(values, columns.forename),
                    columns.value(values, columns.surname),
                    dob,
                    columns.value(values, columns.postcode),
                    columns.address(values)));
        }
        return new Extract(records, unreadableDates);
    }

    /** A date of birth in one of the accepted forms, or {@code null} when it is in none or is not a real date. */
    static LocalDate date(String value) {
        DateTimeFormatter format = BASIC.matcher(value).matches()
                ? BASIC_DATE
                : ISO.matcher(value).matches() ? ISO_DATE : UK.matcher(value).matches() ? UK_DATE : null;
        if (format == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, format);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private static boolean blank(List<String> values) {
        return values.stream().allMatch(String::isBlank);
    }

    /** Where each field is in a row; -1 when the header lacks it. */
    private static final class Columns {
        final int id;
        final int forename;
        final int surname;
        final int dateOfBirth;
        final int postcode;
        final List<Integer> address = new ArrayList<>();

        Columns(List<String> names) {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.putIfAbsent(
                        HEADER_SEPARATORS
                                .matcher(names.get(i).strip().toLowerCase(Locale.ROOT))
                                .replaceAll("_"),
                        i);
            }
            id = first(byName, ID);
            forename = first(byName, FORENAME);
            surname = first(byName, SURNAME);
            dateOfBirth = first(byName, DATE_OF_BIRTH);
            postcode = first(byName, POSTCODE);
            for (String name : ADDRESS) {
                Integer index = byName.get(name);
                if (index != null) {
                    address.add(index);
                }
            }
        }

        private static int first(Map<String, Integer> byName, List<String> aliases) {
            for (String alias : aliases) {
                Integer index = byName.get(alias);
                if (index != null) {
                    return index;
                }
            }
            return -1;
        }

        /** The trimmed value at an index, {@code null} when absent or blank. */
        String value(List<String> values, int index) {
            if (index < 0 || index >= values.size()) {
                return null;
            }
            String value = values.get(index).strip();
            return value.isEmpty() ? null : value;
        }

        String address(List<String> values) {
            StringJoiner joined = new StringJoiner(" ");
            for (int index : address) {
                String value = value(values, index);
                if (value != null) {
                    joined.add(value);
                }
            }
            return joined.length() == 0 ? null : joined.toString();
        }
    }

    /** The rows of CSV text: values split on commas, quotes as RFC 4180, a quoted value may span lines. */
    private static final class Rows {
        private final String text;
        private final String source;
        private int position;
        private int line = 1;
        private int rowLine;

        Rows(String text, String source) {
            this.text = text;
            this.source = source;
        }

        /** The line the last row returned started on. */
        int rowLine() {
            return rowLine;
        }

        /** The next row's values (untrimmed), or {@code null} at the end. */
        List<String> next() {
            if (position >= text.length()) {
                return null;
            }
            rowLine = line;
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean inQuotes = false;
            boolean closedQuotes = false;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (inQuotes) {
                    if (c != '"') {
                        line += c == '\n' ? 1 : 0;
                        value.append(c);
                    } else if (position < text.length() && text.charAt(position) == '"') {
                        value.append('"');
                        position++;
                    } else {
                        inQuotes = false;
                        closedQuotes = true;
                    }
                } else if (c == ',') {
                    values.add(value.toString());
                    value.setLength(0);
                    closedQuotes = false;
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c == '\r') {
                    continue; // of a CRLF line end
                } else if (c == '"' && !closedQuotes && value.toString().isBlank()) {
                    value.setLength(0);
                    inQuotes = true;
                } else if (closedQuotes && !Character.isWhitespace(c)) {
                    throw new LinkInputException(
                            Reason.BAD_CSV, source + " line " + line + ": text after the closing quote of a value");
                } else {
                    value.append(c);
                }
            }
            if (inQuotes) {
                throw new LinkInputException(
                        Reason.BAD_CSV, source + " line " + rowLine + ": a quoted value is not closed");
            }
            values.add(value.toString());
            return values;
        }
    }
}
