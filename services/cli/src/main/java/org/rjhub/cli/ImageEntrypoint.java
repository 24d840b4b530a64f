package org.rjhub.cli;

import java.util.Arrays;
import java.util.Map;
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

    /** A program's main method. */
    @FunctionalInterface
    interface Program {
        void run(String[] args) throws Exception;
    }

    /** What the image runs, by its first argument. */
    static final Map<String, Program> COMMANDS = Map.of(
            "router", RouterMain::main,
            "cases", CasesMain::main,
            "facts", FactsMain::main,
            "reporting", ReportingMain::main,
            "lag-monitor", LagMonitorMain::main,
            "hub", Hub::main);

    static final String USAGE = "usage: router|cases|facts|reporting|lag-monitor|hub [ARGS...]";

    private ImageEntrypoint() {}

    public static void main(String[] args) throws Exception {
        Program program = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (program != null) {
            program.run(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
        } else {
            System.err.println((args.length == 0 ? "no command" : "unknown command '" + args[0] + "'") + "; " + USAGE);
            System.exit(2);
        }
    }
}
