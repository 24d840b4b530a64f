package org.rjhub.console.casework;

import java.util.List;

/**
 * One question of a step's form, rendered with the GOV.UK pattern of its kind.
 *
 * @param name     the form field's name (a date's parts are {@code name-day}, {@code name-month}, {@code name-year})
 * @param label    the question
 * @param hint     help under the question, or null
 * @param kind     how it is asked
 * @param options  the choices of radios and selects
 * @param required whether an answer is needed
 */
public record Field(String name, String label, String hint, Kind kind, List<Option> options, boolean required) {

    /** How a question is asked. */
    public enum Kind {
        RADIOS,
        SELECT,
        NUMBER,
        DATE
    }

    /** A choice: the value sent and its words. */
    public record Option(String value, String label) {}

    public Field {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static Field radios(String name, String label, String hint, List<Option> options) {
        return new Field(name, label, hint, Kind.RADIOS, options, true);
    }

    /** The words of a value, for the check-your-answers page. */
    public String words(String value) {
        return options.stream()
                .filter(o -> o.value().equals(value))
                .map(Option::label)
                .findFirst()
                .orElse(value);
    }

    /** The id of the input an error summary links to (a date's day, a radio group's first radio). */
    public String inputId() {
        return switch (kind) {
            case DATE -> name + "-day";
            case RADIOS -> name;
            default -> name;
        };
    }
}
