package org.rjhub.cli.privacy;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.rjhub.agencies.Agency;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hub erase --referral AGENCY:ID}, or {@code --forename F --surname S ...} for every referral of a person:
 * crypto-shredding of what the hub holds about them.
 */
@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description = "Erase what the hub holds about an agency referral: its data keys destroyed (tombstones on "
                + Contracts.DATA_KEYS_TOPIC
                + ", so every sealed copy is unreadable) and an ERASED outcome to the agency. The "
                + "agency's own topics are its records: the hub cannot erase them there.")
public final class EraseCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--referral",
            paramLabel = "AGENCY:ID",
            description = "The agency and its referral id, e.g. police:PR-2026-000123 (agencies: "
                    + "${COMPLETION-CANDIDATES}).",
            completionCandidates = Agency.CliNames.class)
    String referral;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of every topic name (default: none).")
    String topicPrefix;

    @Option(
            names = "--forename",
            description = "With --surname instead of --referral: erase every referral naming this person, found as "
                    + "`hub sar` finds them (the router's person matcher, MATCH only).")
    String forename;

    @Option(names = "--surname", description = "The person's surname (with --forename).")
    String surname;

    @Option(names = "--dob", paramLabel = "YYYY-MM-DD", description = "The person's date of birth (with --forename).")
    java.time.LocalDate dateOfBirth;

    @Option(names = "--postcode", description = "The person's home postcode (with --forename).")
    String postcode;

    private final Supplier<Optional<KafkaConnection>> connection;
    private final Supplier<Optional<String>> masterKey;

    /** @param connection the cluster, as its admin (e.g. the stack {@code hub up} announced) */
    public EraseCommand(Supplier<Optional<KafkaConnection>> connection) {
        this(connection, Optional::empty);
    }

    /**
     * @param connection the cluster, as its admin
     * @param masterKey  the master key (to find a person in sealed dead letters), if known
     */
    public EraseCommand(Supplier<Optional<KafkaConnection>> connection, Supplier<Optional<String>> masterKey) {
        this.connection = connection;
        this.masterKey = masterKey;
    }

    @Override
    public Integer call() {
        boolean person = forename != null || surname != null;
        if (person == (referral != null) || (person && (forename == null || surname == null))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give either --referral AGENCY:ID or --forename and --surname (with --dob, --postcode if known)");
        }
        if (person) {
            return erasePerson();
        }
        int colon = referral.indexOf(':');
        Optional<Agency> agency = colon < 0 ? Optional.empty() : Agency.fromCliName(referral.substring(0, colon));
        if (agency.isEmpty() || colon == referral.length() - 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--referral is AGENCY:ID with AGENCY one of " + Agency.cliNamesInWords() + ", got " + referral);
        }
        KafkaConnection cluster = cluster();
        String prefix = topicPrefix == null ? "" : topicPrefix.trim();
        UnaryOperator<String> naming = name -> prefix + name;
        Erasure.Result result =
                new Erasure(cluster, naming).eraseReferral(agency.get(), referral.substring(colon + 1), Instant.now());
        spec.commandLine()
                .getOut()
                .printf(
                        "Erased %s: %d data key(s) destroyed, ERASED sent on %s.%n",
                        result.subject(),
                        result.keys().size(),
                        naming.apply(agency.get().outcomesTopic()));
        return 0;
    }

    /** Every referral the person's subject access finds, erased one by one. */
    private int erasePerson() {
        KafkaConnection cluster = cluster();
        String prefix = topicPrefix == null ? "" : topicPrefix.trim();
        SarCommand.Holdings held = SarCommand.Holdings.load(cluster, prefix, masterKey.get());
        com.fasterxml.jackson.databind.node.ObjectNode found = held.exportFor(
                new SubjectAccess(new SubjectAccess.Subject(forename, surname, dateOfBirth, postcode)), Instant.now());
        java.util.Set<String> referrals = new java.util.TreeSet<>();
        found.get("referrals")
                .forEach(r -> referrals.add(r.get("sourceAgency").asText() + ":"
                        + r.get("agencyReferralId").asText()));
        found.get("deadLetters").forEach(d -> {
            if (!d.get("agency").isNull() && !d.get("agencyReferralId").isNull()) {
                referrals.add(d.get("agency").asText() + ":"
                        + d.get("agencyReferralId").asText());
            }
        });
        Erasure erasure = new Erasure(cluster, name -> prefix + name);
        for (String r : referrals) {
            int colon = r.indexOf(':');
            Agency agency = Agency.of(org.rjhub.contracts.hub.SourceAgency.valueOf(r.substring(0, colon)));
            Erasure.Result result = erasure.eraseReferral(agency, r.substring(colon + 1), Instant.now());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Erased %s: %d data key(s) destroyed, ERASED sent.%n",
                            result.subject(), result.keys().size());
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "%d referral(s) of the person erased; %d possible match(es) left for a person to check.%n",
                        referrals.size(), found.get("possibleMatchesWithheld").asInt());
        return 0;
    }

    private KafkaConnection cluster() {
        return connection
                .get()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no cluster: set " + KafkaConnection.ENV_BOOTSTRAP + " and " + KafkaConnection.ENV_REGISTRY
                                + ", or start a stack with `hub up`"));
    }
}
