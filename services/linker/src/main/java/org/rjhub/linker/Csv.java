package org.rjhub.linker;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Writing CSV rows: a value holding a comma, a quote or a line break is quoted (RFC 4180). */
final class Csv {

    private Csv() {}

    static String row(String... values) {
        return Arrays.stream(values).map(Csv::value).collect(Collectors.joining(","));
    }

    static String value(String value) {
        if (value == null) {
            return "";
        }
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
