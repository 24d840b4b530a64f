package org.rjhub.cli.up;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rjhub.cases.CasesMain;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.HttpSettings;
import org.rjhub.console.ConsoleMain;
import org.rjhub.lagmonitor.LagMonitorMain;
import org.rjhub.reporting.facts.FactsMain;
import org.rjhub.reporting.store.ReportingMain;
import org.rjhub.router.RouterMain;

/**
 * The hub's services as {@code hub up} runs them: each its own process ({@code java} with the CLI's classpath and the
 * service's main class), configured by environment variables as in production, under its own principal on a secured
 * stack.
 *
 * @param name        the name in the status table, {@code stack.json} and {@code .rj-data/logs/<name>.log}
 * @param main        the service's main class
 * @param envPrefix   the prefix of its settings' variables, e.g. {@code RJ_ROUTER_}
 * @param ownPrefix   the setting-name prefix its variables leave out (the case service's {@code rj.cases.}), or empty
 * @param principal   its principal in {@code deploy/access.yaml} (a secured stack's user)
 * @param defaultPort its usual operations port, taken when free
 * @param hasStateDir whether it keeps a state folder (the Kafka Streams services)
 */
public record HubService(
        String name,
        Class<?> main,
        String envPrefix,
        String ownPrefix,
        String principal,
        int defaultPort,
        boolean hasStateDir) {

    public static final HubService ROUTER =
            new HubService("router", RouterMain.class, "RJ_ROUTER_", "", "router", 8081, true);
    public static final HubService CASES =
            new HubService("cases", CasesMain.class, "RJ_CASES_", "rj.cases.", "cases", 7080, true);
    public static final HubService FACTS =
            new HubService("facts", FactsMain.class, "RJ_FACTS_", "", "facts", 8082, true);
    public static final HubService REPORTING =
            new HubService("reporting", ReportingMain.class, "RJ_REPORTING_", "", "reporting", 8083, false);
    public static final HubService LAG_MONITOR =
            new HubService("lag-monitor", LagMonitorMain.class, "RJ_LAG_", "rj.lag.", "lagmonitor", 9308, false);
    /** The web console: no Kafka client of its own (it talks to the case API), its principal for when it has one. */
    public static final HubService CONSOLE =
            new HubService("console", ConsoleMain.class, "RJ_CONSOLE_", "rj.console.", "console", 7090, false);

    /** Every service, in the order {@code hub up} starts them. */
    public static final List<HubService> ALL = List.of(ROUTER, CASES, FACTS, REPORTING, LAG_MONITOR, CONSOLE);

    /** The parts of the stack itself, which {@code --only} also names. */
    public static final List<String> STACK_PARTS = List.of("broker", "registry");

    /** The environment variable of one of this service's settings: {@code RJ_ROUTER_RJ_HTTP_PORT}. */
    public String variable(String setting) {
        return ownPrefix.isEmpty()
                ? Environment.variable(envPrefix, setting)
                : Environment.variable(envPrefix, setting, ownPrefix);
    }

    /** The variable of its operations port. */
    public String portVariable() {
        return variable(HttpSettings.PORT);
    }

    /** The service of that name. */
    public static Optional<HubService> named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(s -> s.name.equals(n)).findFirst();
    }

    /** Every name {@code --only} takes: the stack's parts, then the services. */
    public static List<String> names() {
        return java.util.stream.Stream.concat(STACK_PARTS.stream(), ALL.stream().map(HubService::name))
                .toList();
    }

    @Override
    public String toString() {
        return name + " (" + main.getSimpleName() + ")";
    }
}
