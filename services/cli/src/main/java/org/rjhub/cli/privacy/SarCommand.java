package org.rjhub.cli.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.TopicSnapshot;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hub sar}: everything the hub holds about one person, as one readable JSON file. */
@Command(
        name = "sar",
        mixinStandardHelpOptions = true,
        description = "Subject access: what the hub holds about one person (referrals, outcomes, case events, queue "
                + "items, dead letters opened with the master key) as one JSON file, and nothing about anyone else. "
                + "The person is found by the router's person matcher (MATCH only; REVIEW counted, not exported). Their "
                + "reporting facts are found by their pseudonyms under every key version of the facts service's key "
                + "file, on the facts topic and in the reporting database.")
public final class SarCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--forename", required = true, description = "The person's forename.")
    String forename;

    @Option(names = "--surname", required = true, description = "The person's surname.")
    String surname;

    @Option(names = "--dob", paramLabel = "YYYY-MM-DD", description = "Date of birth (makes the match surer).")
    LocalDate dateOfBirth;

    @Option(names = "--postcode", description = "Home postcode (makes the match surer).")
    String postcode;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write (owner-only).")
    Path out;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of every topic name (default: none).")
    String topicPrefix;

    @Option(
            names = "--pseudonym-keys",
            paramLabel = "FILE",
            description = "The facts service's pseudonymisation key file (default: $RJ_FACTS_PSEUDONYM_KEYS, else the "
                    + "one `hub up` announced; else $RJ_REPORTING_HMAC_KEY as key version 1). Without one, no "
                    + "reporting facts are exported.")
    Path pseudonymKeys;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "The reporting database, read only (default: $RJ_REPORTING_JDBC_URL, else the one `hub up` "
                    + "announced; the password in $RJ_REPORTING_JDBC_PASSWORD). Without one, only the facts topic is "
                    + "read.")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            description = "Database user (default: $RJ_REPORTING_JDBC_USER, else sa).")
    String jdbcUser;

    private final Supplier<Optional<KafkaConnection>> connection;
    private final Supplier<Optional<String>> masterKey;
    private final Function<String, Optional<String>> setting;

    /**
     * @param connection the cluster, as its admin
     * @param masterKey  the master key of the data keys (to open sealed dead letters), if known
     * @param setting    an environment variable's value, else what the running {@code hub up} announced for it
     *                   ({@code RJ_FACTS_PSEUDONYM_KEYS}, {@code RJ_REPORTING_JDBC_URL} ...), if any
     */
    public SarCommand(
            Supplier<Optional<KafkaConnection>> connection,
            Supplier<Optional<String>> masterKey,
            Function<String, Optional<String>> setting) {
        this.connection = connection;
        this.masterKey = masterKey;
        this.setting = setting;
    }

    @Override
    public Integer call() throws IOException {
        KafkaConnection cluster = connection
                .get()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no cluster: set " + KafkaConnection.ENV_BOOTSTRAP + " and " + KafkaConnection.ENV_REGISTRY
                                + ", or start a stack with `hub up`"));
        String prefix = topicPrefix == null ? "" : topicPrefix.trim();
        Holdings held = Holdings.load(cluster, prefix, masterKey.get());
        SubjectAccess sar = new SubjectAccess(new SubjectAccess.Subject(forename, surname, dateOfBirth, postcode));
        ObjectNode export = held.exportFor(sar, Instant.now());
        String reporting = reportingFacts(sar.findings(), cluster, prefix, export);
        Files.deleteIfExists(out);
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(export));
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %s: %d referral(s), %d outcome(s), %d case event(s), %d queue item(s), %d dead "
                                + "letter(s); %s; %d possible match(es) withheld for a person to check.%n",
                        out,
                        export.get("referrals").size(),
                        export.get("outcomes").size(),
                        export.get("caseEvents").size(),
                        export.get("queueItems").size(),
                        export.get("deadLetters").size(),
                        reporting,
                        export.get("possibleMatchesWithheld").asInt());
        return 0;
    }

    /**
     * Adds {@code reportingFacts} to the export: the person's facts on the facts topic and, when a database is named,
     * their rows of the reporting database, found by their pseudonyms under every key version.
     *
     * @return what was added, for the summary line
     */
    private String reportingFacts(
            SubjectAccess.Findings found, KafkaConnection cluster, String prefix, ObjectNode export) {
        Optional<PseudonymKeys> keys = keys();
        if (keys.isEmpty()) {
            export.put(
                    "notIncluded",
                    export.get("notIncluded").asText() + "; the reporting facts (no pseudonymisation key given: "
                            + "--pseudonym-keys)");
            return "no reporting facts (no pseudonymisation key given)";
        }
        SubjectFacts facts = new SubjectFacts(keys.get(), found);
        ObjectNode out = export.putObject("reportingFacts");
        ArrayNode versions = out.putArray("keyVersions");
        facts.keyVersions().forEach(versions::add);
        ArrayNode onTopic = out.putArray("factsTopic");
        facts.fromTopic(read(cluster, prefix + Contracts.CASE_FACTS_TOPIC, CaseFact.class))
                .forEach(f -> onTopic.add(AvroJson.of(f)));
        String url = jdbcUrl != null
                ? jdbcUrl
                : setting.apply(envName(ReportingConfig.JDBC_URL)).orElse(null);
        if (url == null) {
            out.putNull("database");
            return onTopic.size() + " reporting fact(s) on the topic, no reporting database named";
        }
        String user = jdbcUser != null
                ? jdbcUser
                : setting.apply(envName(ReportingConfig.JDBC_USER)).orElse("sa");
        String password = setting.apply(envName(ReportingConfig.JDBC_PASSWORD)).orElse("");
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setReadOnly(true);
            ObjectNode rows = facts.fromDatabase(db);
            out.set("database", rows);
            return onTopic.size() + " reporting fact(s) on the topic, "
                    + rows.get("rpt_facts").size() + " in the reporting database";
        } catch (SQLException e) {
            throw new ParameterException(
                    spec.commandLine(), "cannot read the reporting database at " + url + ": " + e.getMessage());
        }
    }

    private static String envName(String reportingSetting) {
        return ReportingConfig.envName(reportingSetting);
    }

    /** The key file asked for, else the facts service's ({@code RJ_FACTS_PSEUDONYM_KEYS}), else its one secret. */
    private Optional<PseudonymKeys> keys() {
        Optional<String> file =
                pseudonymKeys != null ? Optional.of(pseudonymKeys.toString()) : setting.apply(FACTS_KEYS_ENV);
        try {
            if (file.isPresent()) {
                return Optional.of(PseudonymKeys.load(Path.of(file.get())));
            }
            return setting.apply(FactsConfig.ENV_HMAC_KEY).map(PseudonymKeys::ofLegacySecret);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "cannot read the pseudonymisation keys: " + e.getMessage());
        }
    }

    /** The facts service's key file variable. */
    public static final String FACTS_KEYS_ENV = FactsConfig.ENV_PREFIX + "PSEUDONYM_KEYS";

    /**
     * What the hub holds that may be about a person, read from its topics (dead letters opened with the master key,
     * when given, their originals mapped to the canonical form).
     */
    record Holdings(
            List<Referral> referrals,
            List<Outcome> outcomes,
            List<CaseEvent> caseEvents,
            List<QueueItem> queueItems,
            List<SubjectAccess.DeadLetterAbout> deadLetters) {

        /** What {@code sar} finds of its subject in these holdings, exported at {@code at}. */
        ObjectNode exportFor(SubjectAccess sar, Instant at) {
            return sar.export(referrals, outcomes, caseEvents, queueItems, deadLetters, at);
        }

        static Holdings load(KafkaConnection cluster, String prefix, Optional<String> masterKey) {
            UnaryOperator<String> naming = name -> prefix + name;
            List<Outcome> outcomes = new ArrayList<>();
            for (Agency a : Agency.values()) {
                outcomes.addAll(read(cluster, naming.apply(a.outcomesTopic()), Outcome.class));
            }
            List<QueueItem> queueItems = new ArrayList<>();
            for (String queue : queueTopics(cluster, prefix)) {
                queueItems.addAll(read(cluster, queue, QueueItem.class));
            }
            DlqConfig dlq = DlqConfig.of(cluster, prefix);
            dlq = masterKey.map(dlq::withMasterKey).orElse(dlq);
            List<SubjectAccess.DeadLetterAbout> letters = new ArrayList<>();
            DeadLetterReader reader = new DeadLetterReader(dlq);
            try (AgencyRecords records = new AgencyRecords(cluster)) {
                for (DeadLetterEntry e : reader.all()) {
                    letters.add(new SubjectAccess.DeadLetterAbout(e.letter(), canonical(records, e, naming)));
                }
            }
            // sealed canonical referrals opened with the same keys; without the master key (or once erased) a
            // sealed referral names no one
            Optional<DataKeys> keys = reader.dataKeys();
            List<Referral> referrals =
                    read(cluster, naming.apply(Contracts.HUB_REFERRALS_TOPIC), Referral.class).stream()
                            .map(r -> keys.map(k -> SealedReferrals.openOrErased(k, r))
                                    .orElseGet(() -> SealedReferrals.isSealed(r) ? SealedReferrals.erased(r) : r))
                            .toList();
            // sealed queue parties likewise: one whose key is erased names no one, so it is not the subject's; and
            // the offence's wording and flags sealed in the items' details, shown with what the subject's items hold
            List<QueueItem> openedItems = keys.map(k -> queueItems.stream()
                            .map(q -> SealedDetails.opened(k, SealedParties.opened(k, q)))
                            .toList())
                    .orElse(queueItems);
            return new Holdings(
                    referrals,
                    outcomes,
                    read(cluster, naming.apply(Contracts.CASE_EVENTS_TOPIC), CaseEvent.class),
                    openedItems,
                    letters);
        }
    }

    /** A dead letter's original as a canonical referral, when it is an agency referral that can be read. */
    private static Referral canonical(AgencyRecords records, DeadLetterEntry e, UnaryOperator<String> naming) {
        Optional<Agency> agency = AgencyRecords.agencyOf(e.letter(), naming);
        if (agency.isEmpty() || e.originalValue().isEmpty()) {
            return null;
        }
        if (!(records.decode(e.letter()) instanceof AgencyRecords.Readable readable)) {
            return null;
        }
        SpecificRecord r = readable.record();
        try {
            return switch (agency.get()) {
                case POLICE ->
                    CanonicalMapper.police((PoliceReferral) r, Instant.EPOCH).referral();
                case PROBATION ->
                    CanonicalMapper.probation((ProbationReferral) r, Instant.EPOCH)
                            .referral();
                case VICTIM_SUPPORT ->
                    CanonicalMapper.victimSupport((VictimSupportReferral) r, Instant.EPOCH)
                            .referral();
            };
        } catch (RuntimeException unmappable) {
            return null; // the record the hub refused may not map: it is exported by its agency referral id only
        }
    }

    private static TreeSet<String> queueTopics(KafkaConnection cluster, String prefix) {
        try (var admin = KafkaClients.of(cluster).admin()) {
            TreeSet<String> queues = new TreeSet<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(prefix)
                        && Contracts.forTopic(topic.substring(prefix.length()))
                                .filter(c -> c.valueType() == QueueItem.class)
                                .isPresent()) {
                    queues.add(topic);
                }
            }
            return queues;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing the queues", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "cannot list the queues: " + e.getCause().getMessage(), e);
        }
    }

    private static <T extends SpecificRecord> List<T> read(KafkaConnection cluster, String topic, Class<T> type) {
        AvroKafkaDeserializer<T> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(cluster).clientConfig(), false);
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return TopicSnapshot.readAll(KafkaClients.of(cluster), p, topic, values, Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
