package org.rjhub.cli;

import org.rjhub.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hub} command line: one subcommand per task of developers, operations and analysts. */
@Command(
        name = "hub",
        mixinStandardHelpOptions = true,
        version = "RJ Hub 0.1.0",
        description = "Restorative Justice referral hub: local stack, demo, agency publishing, operations.",
        subcommands = {
            UpCommand.class,
            DemoCommand.class,
            PublishCommand.class,
            TopicsCommand.class,
            RulesCommand.class,
            AccessCommand.class,
            KeysCommand.class,
            org.rjhub.linker.LinkCommand.class,
            org.rjhub.bench.BenchCommand.class,
            org.rjhub.reporting.report.ReportCommand.class,
            org.rjhub.deploy.DeployCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Hub {

    private Hub() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Hub());
        cli.addSubcommand(
                new org.rjhub.dlq.DlqCommand(StackConnection::find).withMasterKey(StackConnection::findMasterKey));
        cli.addSubcommand(
                new org.rjhub.cli.privacy.EraseCommand(StackConnection::find, StackConnection::findMasterKey));
        cli.addSubcommand(new org.rjhub.cli.privacy.SarCommand(
                StackConnection::find, StackConnection::findMasterKey, StackConnection::findSetting));
        // `hub case` gets its token from the development identity provider `hub up` announced, unless given one
        cli.addSubcommand(new org.rjhub.cases.cli.CaseCommand(
                StackConnection::devTokenEndpoint, () -> StackConnection.serviceEndpoint("cases", "api")));
        // `hub lag` watches the cluster `hub up` announced, unless told another
        cli.addSubcommand(new org.rjhub.lagmonitor.cli.LagCommand(
                () -> StackConnection.find().map(org.rjhub.common.config.KafkaConnection::bootstrapServers),
                () -> StackConnection.announcedClientConfig("lagmonitor")));
        // picocli answers --help before it validates, so `hub erase --help` would print the top-level help and exit 0;
        // an argument no command takes is an error (exit 2, closest command suggested) whatever else is given
        cli.setExecutionStrategy(parseResult -> {
            for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
                if (!p.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(
                            p.commandSpec().commandLine(), p.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("hub: " + e.getMessage());
            return e instanceof UserInputException ? 2 : 1;
        });
        return cli;
    }
}
