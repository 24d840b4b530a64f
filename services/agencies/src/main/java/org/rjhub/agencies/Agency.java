package org.rjhub.agencies;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.schemas.Contracts;
import org.rjhub.schemas.Contracts.Contract;

/**
 * A referring agency: its name on the command line and in topic names, its referral and outcome topics, and the
 * value field that is also the Kafka key. The one place these are bound together.
 */
public enum Agency {
    POLICE("police", Contracts.POLICE_REFERRALS, Contracts.POLICE_OUTCOMES, SourceAgency.POLICE),
    PROBATION("probation", Contracts.PROBATION_REFERRALS, Contracts.PROBATION_OUTCOMES, SourceAgency.PROBATION),
    VICTIM_SUPPORT(
            "victimsupport",
            Contracts.VICTIM_SUPPORT_REFERRALS,
            Contracts.VICTIM_SUPPORT_OUTCOMES,
            SourceAgency.VICTIM_SUPPORT,
            "victim-support",
            "victim_support",
            "vs");

    private final String cliName;
    private final Contract contract;
    private final Contract outcomes;
    private final SourceAgency sourceAgency;
    private final List<String> aliases;

    Agency(String cliName, Contract contract, Contract outcomes, SourceAgency sourceAgency, String... aliases) {
        this.cliName = cliName;
        this.contract = contract;
        this.outcomes = outcomes;
        this.sourceAgency = sourceAgency;
        this.aliases = List.of(aliases);
    }

    /** The name on the command line and the prefix of its topics: police, probation, victimsupport. */
    public String cliName() {
        return cliName;
    }

    /** The referral topic contract: topic, subject, value class and schema. */
    public Contract contract() {
        return contract;
    }

    /** The agency's referral topic, e.g. {@code police.referrals.v1}. */
    public String topic() {
        return contract.topic();
    }

    /** The agency's outcome topic, e.g. {@code police.outcomes.v1}. */
    public String outcomesTopic() {
        return outcomes.topic();
    }

    /** The value field that is also the Kafka key: {@code referralId} or {@code vsCaseId}. */
    public String idField() {
        return contract.keyField();
    }

    /** The same agency in the hub's contracts. */
    public SourceAgency sourceAgency() {
        return sourceAgency;
    }

    /** Conventional file name of the agency's JSON file, e.g. {@code police.json}. */
    public String fileName() {
        return cliName + ".json";
    }

    /** The agency of a hub contract's {@link SourceAgency}. */
    public static Agency of(SourceAgency sourceAgency) {
        for (Agency a : values()) {
            if (a.sourceAgency == sourceAgency) {
                return a;
            }
        }
        throw new IllegalArgumentException("no agency for " + sourceAgency);
    }

    /**
     * The agency named on a command line: {@code police}, {@code probation}, {@code victimsupport}, or an alias
     * ({@code victim-support}, {@code victim_support}, {@code vs}); without regard to case or surrounding blanks.
     */
    public static Optional<Agency> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.cliName.equals(wanted) || a.aliases.contains(wanted))
                .findFirst();
    }

    /** The agencies' names, one each, for help and error messages ({@link #fromCliName} also takes aliases). */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(Agency::cliName).toList();
    }

    /** The agencies' names in words, for messages: {@code police, probation or victimsupport}. */
    public static String cliNamesInWords() {
        List<String> names = cliNames();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The agencies' names as a command-line library's completion candidates, e.g. picocli's. */
    public static final class CliNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return cliNames().iterator();
        }
    }
}
