package org.rjhub.console;

import java.time.Clock;
import java.util.Arrays;
import org.rjhub.common.service.ServiceRunner;

/**
 * Runs the console as a process ({@link ServiceRunner}: stops cleanly on SIGTERM / Ctrl-C, exits 2 on bad
 * configuration): settings from the environment ({@link ConsoleConfig}), e.g. {@code RJ_CONSOLE_ISSUER},
 * {@code RJ_CONSOLE_CASE_API_URL}, {@code RJ_CONSOLE_RJ_HTTP_PORT}. {@code --help} lists them.
 */
public final class ConsoleMain {

    private ConsoleMain() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("RJ Hub console. Settings (environment variables, default, meaning):");
            System.out.println(ConsoleConfig.describe());
            return;
        }
        ServiceRunner.forProcess("console")
                .runAndExit(() -> ConsoleConfig.fromEnvironment(System.getenv()), ConsoleMain::start);
    }

    static ServiceRunner.Service start(ConsoleConfig config) {
        try {
            return ConsoleApp.start(config, Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the console: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the console", e);
        }
    }
}
