package org.rjhub.dlq;

import java.util.Optional;
import java.util.function.Supplier;
import org.rjhub.common.config.KafkaConnection;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the cluster, the registry and the topics are: the options every {@code hub dlq} command takes. */
public final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description =
                    "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else the stack `hub up` announced).")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            defaultValue = "${env:RJ_REGISTRY_URL}",
            description = "Schema registry base URL (default: $RJ_REGISTRY_URL, else the stack `hub up` announced).")
    String registryUrl;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            defaultValue = "${env:KAFKA_CLIENT_CONFIG}",
            description = "Kafka client properties file of the dlq principal (TLS, SASL), as the Kafka tools take it "
                    + "(default: $KAFKA_CLIENT_CONFIG; with neither, the stack `hub up` announced, as dlq).")
    String commandConfig;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of every topic name, as the router's rj.topic.prefix (default: none).")
    String topicPrefix;

    @Option(
            names = "--master-key",
            paramLabel = "FILE",
            defaultValue = "${env:RJ_MASTER_KEY}",
            description = "The master key file of the data keys, to open sealed dead letters "
                    + "(default: $RJ_MASTER_KEY, else the file the stack `hub up` announced).")
    String masterKey;

    @Option(
            names = "--master-key-kms",
            paramLabel = "URI",
            defaultValue = "${env:RJ_MASTER_KEY_KMS}",
            description = "The KMS key that encrypts the master key file, a Tink URI (aws-kms://..., gcp-kms://...) "
                    + "(default: $RJ_MASTER_KEY_KMS; none: the file is in clear).")
    String masterKeyKms;

    /** The settings of the options; without both servers and registry, those of {@code fallback}. */
    DlqConfig config(CommandLine commandLine, Supplier<Optional<KafkaConnection>> fallback) {
        return config(commandLine, fallback, Optional::empty);
    }

    /** The same, with the master key of {@code masterKeyFallback} when {@code --master-key} gives none. */
    DlqConfig config(
            CommandLine commandLine,
            Supplier<Optional<KafkaConnection>> fallback,
            Supplier<Optional<String>> masterKeyFallback) {
        DlqConfig config = connectionConfig(commandLine, fallback);
        String key =
                notBlank(masterKey) ? masterKey.trim() : masterKeyFallback.get().orElse("");
        return key.isEmpty() ? config : config.withMasterKey(key, notBlank(masterKeyKms) ? masterKeyKms.trim() : "");
    }

    private DlqConfig connectionConfig(CommandLine commandLine, Supplier<Optional<KafkaConnection>> fallback) {
        boolean given = notBlank(bootstrapServers) && notBlank(registryUrl);
        if (!given && (notBlank(bootstrapServers) || notBlank(registryUrl))) {
            throw new ParameterException(
                    commandLine,
                    "give both --bootstrap-servers and --registry-url (or set both " + KafkaConnection.ENV_BOOTSTRAP
                            + " and " + KafkaConnection.ENV_REGISTRY + ")");
        }
        KafkaConnection connection;
        try {
            connection = given
                    ? KafkaConnection.of(bootstrapServers.trim(), registryUrl.trim())
                    : fallback.get()
                            .orElseThrow(() -> new ParameterException(
                                    commandLine,
                                    "no cluster: give "
                                            + "--bootstrap-servers and --registry-url, set "
                                            + KafkaConnection.ENV_BOOTSTRAP + " and "
                                            + KafkaConnection.ENV_REGISTRY + ", or start a stack with `hub up`"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage(), e, null, registryUrl);
        }
        if (given && notBlank(commandConfig)) {
            connection = connection.withClientConfigFile(java.nio.file.Path.of(commandConfig.trim()));
        }
        return DlqConfig.of(connection, topicPrefix == null ? "" : topicPrefix.trim());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
