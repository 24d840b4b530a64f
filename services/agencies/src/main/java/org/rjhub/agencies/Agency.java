package org.rjhub.agencies;

import java.util.Arrays;
import java.util.List;
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
    VICTIM_SUPPORT("victimsupport", Contracts.VICTIM_SUPPORT_REFERRALS, Contracts.VICTIM_SUPPORT_OUTCOMES,
            SourceAgency.VICTIM_SUPPORT);

    private final String cliName;
    private final Contract contract;
    private final Contract outcomes;
    private final SourceAgency sourceAgency;

    Agency(String cliName, Contract contract, Contract outcomes, SourceAgency sourceAgency) {
        this.cliName = cliName;
        this.contract = contract;
        this.outcomes = outcomes;
        this.sourceAgency = sourceAgency;
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

    /** The agency named on a command line ({@code police}, {@code probation}, {@code victimsupport}). */
    public static Optional<Agency> fromCliName(String name) {
        return Arrays.stream(values()).filter(a -> a.cliName.equals(name)).findFirst();
    }

    /** Every name {@link #fromCliName} accepts, for help and error messages. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(Agency::cliName).toList();
    }
}
