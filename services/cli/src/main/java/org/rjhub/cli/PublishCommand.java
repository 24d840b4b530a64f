package org.rjhub.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.agencies.json.AgencyJsonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub publish --agency police FILE.json}: an agency's JSON file onto its topic, all or nothing. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Publish an agency's referrals from a JSON file (the agency's own field names) with the "
                + "agency's Avro schema, in one transaction: a file that does not match publishes nothing.")
final class PublishCommand implements Callable<Integer> {

    @Option(
            names = "--agency",
            required = true,
            completionCandidates = Agency.CliNames.class,
            description = "${COMPLETION-CANDIDATES}.")
    String agency;

    @Parameters(paramLabel = "FILE", description = "JSON array of referrals, or {\"referrals\": [...]}.")
    Path file;

    @Override
    public Integer call() {
        Agency a = parseAgency(agency);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("no such file: " + file);
        }
        List<? extends SpecificRecord> records;
        try {
            records = AgencyJson.forAgency(a).read(file);
        } catch (AgencyJsonException e) {
            throw new UserInputException(
                    file + " does not match the " + a.topic() + " schema; nothing was " + "published:\n"
                            + e.getMessage(),
                    e);
        }
        List<AgencyRecord> batch = new ArrayList<>();
        for (SpecificRecord r : records) {
            batch.add(new AgencyRecord(
                    a,
                    a.topic(),
                    String.valueOf(r.get(r.getSchema().getField(a.idField()).pos())),
                    r));
        }
        try (AgencyPublisher publisher =
                new AgencyPublisher(StackConnection.require(a.cliName()), UnaryOperator.identity(), a)) {
            int n = publisher.publish(batch);
            System.out.printf("Published %d %s referral(s) to %s in one transaction.%n", n, agency, a.topic());
        }
        return 0;
    }

    static Agency parseAgency(String name) {
        return Agency.fromCliName(name)
                .orElseThrow(
                        () -> new UserInputException("unknown agency '" + name + "': use " + Agency.cliNamesInWords()));
    }
}
