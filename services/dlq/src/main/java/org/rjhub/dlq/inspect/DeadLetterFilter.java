package org.rjhub.dlq.inspect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Which dead letters an operator asked for: by rule, by agency, failed since a time. An absent criterion
 * lets everything through.
 *
 * @param rule   the rule name, compared without regard to case, e.g. {@code POSTCODE_SYNTAX}
 * @param agency the referring agency
 * @param since  failed at or after this instant
 */
public record DeadLetterFilter(Optional<String> rule, Optional<SourceAgency> agency, Optional<Instant> since)
        implements Predicate<DeadLetterEntry> {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*([smhdw])");
    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** No criterion: every dead letter. */
    public static DeadLetterFilter none() {
        return new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The filter of the command line's options; {@code null} or blank means not given.
     *
     * @throws IllegalArgumentException naming the option whose value is not understood
     */
    public static DeadLetterFilter of(String rule, String agency, String since, Instant now) {
        return new DeadLetterFilter(
                blank(rule) ? Optional.empty() : Optional.of(rule.trim().toUpperCase(Locale.ROOT)),
                blank(agency) ? Optional.empty() : Optional.of(parseAgency(agency)),
                blank(since) ? Optional.empty() : Optional.of(parseSince(since, now)));
    }

    public boolean isEmpty() {
        return rule.isEmpty() && agency.isEmpty() && since.isEmpty();
    }

    @Override
    public boolean test(DeadLetterEntry entry) {
        var letter = entry.letter();
        return rule.map(r -> r.equalsIgnoreCase(letter.getRule())).orElse(true)
                && agency.map(a -> a == letter.getAgency()).orElse(true)
                && since.map(t -> !letter.getFailedAt().isBefore(t)).orElse(true);
    }

    /** {@code POLICE}, {@code probation}, {@code victim_support}, or a topic's prefix such as {@code victimsupport}. */
    public static SourceAgency parseAgency(String text) {
        return Agency.fromCliName(text)
                .map(Agency::sourceAgency)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--agency: '" + text + "' is not an agency; one of " + String.join(", ", Agency.cliNames())));
    }

    /**
     * A moment: an ISO instant or offset time ({@code 2026-03-01T10:15:30Z}), a date ({@code 2026-03-01}, from
     * midnight UK time), or a time ago: {@code 90m}, {@code 12h}, {@code 7d}, {@code 2w}, {@code PT36H}.
     */
    public static Instant parseSince(String text, Instant now) {
        String t = text.trim();
        Matcher ago = AGO.matcher(t.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return now.minus(Duration.parse(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(UK).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--since: '" + text + "' is not a time; give 2026-03-01, "
                            + "2026-03-01T10:15:30Z, or a time ago such as 12h or 7d",
                    e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
