package org.rjhub.cli;

import org.rjhub.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hub} command line: one subcommand per task of developers, operations and analysts. */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "RJ Hub 0.1.0",
        description = "Restorative Justice referral hub: local stack, demo, agency publishing, operations.",
        subcommands = {UpCommand.class, DemoCommand.class, PublishCommand.class, TopicsCommand.class, RulesCommand.class,
                org.rjhub.lagmonitor.cli.LagCommand.class, org.rjhub.linker.LinkCommand.class, org.rjhub.cases.cli.CaseCommand.class, org.rjhub.bench.BenchCommand.class,
                org.rjhub.reporting.report.ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Hub {

    private Hub() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Hub());
        cli.addSubcommand(new org.rjhub.dlq.DlqCommand(StackConnection::find));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("hub: " + e.getMessage());
            return e instanceof UserInputException ? 2 : 1;
        });
        return cli;
    }
}
