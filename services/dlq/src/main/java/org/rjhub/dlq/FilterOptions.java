package org.rjhub.dlq;

import java.time.Instant;
import org.rjhub.agencies.Agency;
import org.rjhub.dlq.inspect.DeadLetterFilter;
import picocli.CommandLine.Option;

/** Which dead letters: by rule, agency and time of failure. */
public final class FilterOptions {

    @Option(
            names = "--rule",
            paramLabel = "RULE",
            description =
                    "Only dead letters of this rule, e.g. POSTCODE_SYNTAX, DISTRICT_NOT_IN_ESSEX, UNREADABLE_RECORD.")
    String rule;

    @Option(
            names = "--agency",
            paramLabel = "AGENCY",
            completionCandidates = Agency.CliNames.class,
            description = "Only this agency's: ${COMPLETION-CANDIDATES}.")
    String agency;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description =
                    "Only those that failed at or after TIME: 2026-03-01, 2026-03-01T10:15:30Z, or ago: 90m, 12h, 7d.")
    String since;

    boolean given() {
        return hasRule() || notBlank(agency) || notBlank(since);
    }

    boolean hasRule() {
        return notBlank(rule);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    DeadLetterFilter filter(Instant now) {
        try {
            return DeadLetterFilter.of(rule, agency, since, now);
        } catch (IllegalArgumentException e) {
            throw new DlqException(e.getMessage(), e);
        }
    }
}
