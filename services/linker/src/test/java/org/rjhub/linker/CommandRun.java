package org.rjhub.linker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of {@code link} as the {@code hub} CLI runs it: exit code, standard output and standard error.
 *
 * @param exitCode the command's exit code
 * @param out      what it wrote to standard output
 * @param err      what it wrote to standard error
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LinkCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The lines of standard output. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** A figure from the summary on standard error, e.g. {@code figure("precision")}. */
    String figure(String name) {
        return err.lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + name + "' in the summary:\n" + err));
    }
}
