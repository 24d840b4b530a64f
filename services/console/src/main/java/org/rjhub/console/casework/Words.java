package org.rjhub.console.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Symbols and times in words for the pages: {@code OTHER_PARTY} is "Other party", a time is "3 November 2026 10:00". */
public final class Words {

    /** The service's dates are in the UK's zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.UK);

    private Words() {}

    /** An enum symbol in words, first letter capital: {@code FACE_TO_FACE_CONFERENCE} is "Face to face conference". */
    public static String of(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return "";
        }
        String w = symbol.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** An enum symbol in lower-case words: "victim", "other party". */
    public static String lower(String symbol) {
        return symbol == null ? "" : symbol.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZONE));
    }

    public static String day(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    public static String day(Instant at) {
        return at == null ? "" : DAY.format(at.atZone(ZONE));
    }

    /** How long ago, in days (0 for today). */
    public static long daysSince(Instant at, Instant now) {
        return at == null ? 0 : Math.max(0, java.time.Duration.between(at, now).toDays());
    }

    /** An agency as the pages name it. */
    public static String agency(String agency) {
        return switch (agency == null ? "" : agency) {
            case "POLICE" -> "Essex Police";
            case "PROBATION" -> "Probation Service";
            case "VICTIM_SUPPORT" -> "Victim Support";
            default -> of(agency);
        };
    }
}
