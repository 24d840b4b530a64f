package org.rjhub.cli;

import java.util.Arrays;
import org.rjhub.cases.CasesMain;
import org.rjhub.lagmonitor.LagMonitorMain;
import org.rjhub.reporting.facts.FactsMain;
import org.rjhub.reporting.store.ReportingMain;
import org.rjhub.router.RouterMain;

/**
 * The container image's entry point: its first argument chooses what runs, the rest go to it. {@code router},
 * {@code cases}, {@code facts}, {@code reporting}, {@code lag-monitor} run a service (settings from the environment,
 * as each {@code *Main} documents); {@code hub ...} runs the command line, e.g. the one-shot {@code hub topics apply}.
 */
public final class ImageEntrypoint {

    static final String USAGE = "usage: router|cases|facts|reporting|lag-monitor|hub [ARGS...]";

    private ImageEntrypoint() {}

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "router" -> RouterMain.main(rest);
            case "cases" -> CasesMain.main(rest);
            case "facts" -> FactsMain.main(rest);
            case "reporting" -> ReportingMain.main(rest);
            case "lag-monitor" -> LagMonitorMain.main(rest);
            case "hub" -> Hub.main(rest);
            case "--help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println(
                        (args.length == 0 ? "no command" : "unknown command '" + args[0] + "'") + "; " + USAGE);
                System.exit(2);
            }
        }
    }
}
