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

/** {@code hub erase --referral AGENCY:ID}: crypto-shredding of what the hub holds about one referral. */
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
            required = true,
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

    private final Supplier<Optional<KafkaConnection>> connection;

    /** @param connection the cluster, as its admin (e.g. the stack {@code hub up} announced) */
    public EraseCommand(Supplier<Optional<KafkaConnection>> connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() {
        int colon = referral.indexOf(':');
        Optional<Agency> agency = colon < 0 ? Optional.empty() : Agency.fromCliName(referral.substring(0, colon));
        if (agency.isEmpty() || colon == referral.length() - 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--referral is AGENCY:ID with AGENCY one of " + Agency.cliNamesInWords() + ", got " + referral);
        }
        KafkaConnection cluster = connection
                .get()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no cluster: set " + KafkaConnection.ENV_BOOTSTRAP + " and " + KafkaConnection.ENV_REGISTRY
                                + ", or start a stack with `hub up`"));
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
}
