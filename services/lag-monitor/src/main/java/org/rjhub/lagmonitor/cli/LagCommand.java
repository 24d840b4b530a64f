package org.rjhub.lagmonitor.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.rjhub.lagmonitor.LagJson;
import org.rjhub.lagmonitor.LagMonitor;
import org.rjhub.lagmonitor.LagMonitorConfig;
import org.rjhub.lagmonitor.LagSnapshot;
import org.rjhub.lagmonitor.LagTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hub lag}: consumer lag per group, topic and partition, with Burrow's status, as a table or JSON, once or
 * refreshed until Ctrl-C. Register it as a subcommand of {@code hub} by class, or as an instance built with a fallback
 * for the bootstrap servers (e.g. the stack that {@code hub up} announced).
 */
@Command(
        name = "lag",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Consumer lag per group, topic and partition: committed and log-end offsets, lag in records "
                    + "and in seconds, and Burrow's status of each partition and group."
        },
        footer = {
            "",
            "Status of a partition, over its last offset commits (Burrow's rules):",
            "  OK      lag is zero, touched zero, or the consumer is making progress",
            "  WARN    offsets advance but the lag grew at every commit",
            "  STOP    no commit for longer than the window of commits spans, while there is lag",
            "  STALL   commits keep coming but the offset does not advance, while there is lag",
            "  REWIND  the committed offset went backwards",
            "A group is ERR when a partition is STOP, STALL or REWIND, else WARN if one is WARN, else OK.",
            "With --watch the window fills over the refreshes; a single run judges from the commits on record."
        })
public class LagCommand implements Callable<Integer> {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--group",
            paramLabel = "REGEX",
            defaultValue = ".*",
            description = "Only consumer groups whose whole id matches this regex (default: all).")
    private String group;

    @Option(names = "--watch", description = "Refresh every --interval seconds until Ctrl-C.")
    private boolean watch;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    private int intervalSeconds;

    @Option(
            names = "--json",
            description =
                    "JSON instead of the table, with each status's evidence " + "(one document per line with --watch).")
    private boolean json;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            defaultValue = "${env:KAFKA_CLIENT_CONFIG}",
            description = "A Kafka client properties file with the principal's security settings (TLS, SASL), as the "
                    + "stock Kafka tools take it (default: $KAFKA_CLIENT_CONFIG; on the hub `hub up` announced, its "
                    + "lag monitor's principal's).")
    private String commandConfig;

    private final Supplier<Optional<String>> fallbackBootstrapServers;
    private final Supplier<Optional<String>> fallbackClientConfig;

    /** Takes the bootstrap servers from {@code --bootstrap-servers} or {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public LagCommand() {
        this(Optional::empty);
    }

    /**
     * @param fallbackBootstrapServers asked when neither {@code --bootstrap-servers} nor
     *                                 {@code KAFKA_BOOTSTRAP_SERVERS} is given
     */
    public LagCommand(Supplier<Optional<String>> fallbackBootstrapServers) {
        this(fallbackBootstrapServers, Optional::empty);
    }

    /**
     * @param fallbackBootstrapServers asked when neither {@code --bootstrap-servers} nor
     *                                 {@code KAFKA_BOOTSTRAP_SERVERS} is given
     * @param fallbackClientConfig     the client config file for that fallback cluster (its security settings), asked
     *                                 when the cluster is the fallback's and no {@code --command-config} is given
     */
    public LagCommand(
            Supplier<Optional<String>> fallbackBootstrapServers, Supplier<Optional<String>> fallbackClientConfig) {
        this.fallbackBootstrapServers = Objects.requireNonNull(fallbackBootstrapServers, "fallbackBootstrapServers");
        this.fallbackClientConfig = Objects.requireNonNull(fallbackClientConfig, "fallbackClientConfig");
    }

    @Override
    public Integer call() {
        LagMonitorConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        boolean clear = watch && !json && System.console() != null;
        try (LagMonitor monitor = LagMonitor.create(config)) {
            while (true) {
                LagSnapshot snapshot = monitor.pollOnce();
                if (clear) {
                    out.print(CLEAR_SCREEN);
                }
                out.print(
                        json
                                ? (watch ? LagJson.render(snapshot) : LagJson.renderPretty(snapshot))
                                        + System.lineSeparator()
                                : LagTable.render(snapshot));
                out.flush();
                if (!watch) {
                    return 0;
                }
                try {
                    Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                if (!json) {
                    out.println();
                }
            }
        }
    }

    /** The monitor's configuration from the options; a bad option is a usage error (exit code 2). */
    LagMonitorConfig config() {
        Optional<String> given = Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank());
        Optional<String> clientConfig = Optional.ofNullable(commandConfig)
                .filter(s -> !s.isBlank())
                .or(() -> given.isPresent() ? Optional.empty() : fallbackClientConfig.get());
        String servers = given.or(fallbackBootstrapServers)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no cluster: no --bootstrap-servers, no KAFKA_BOOTSTRAP_SERVERS, and no hub "
                                + "announced in .rj-data/stack.json; start one with `./hub up`, or name a cluster with "
                                + "--bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS"));
        if (intervalSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--interval must be at least 1 second");
        }
        Pattern filter;
        try {
            filter = Pattern.compile(group);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--group is not a valid regex: " + e.getDescription());
        }
        return LagMonitorConfig.defaults(servers)
                .withClientConfig(clientConfig.orElse(""))
                .withGroupFilter(filter)
                .withPollInterval(Duration.ofSeconds(intervalSeconds))
                .withHttpPort(0);
    }
}
