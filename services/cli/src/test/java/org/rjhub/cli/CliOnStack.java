package org.rjhub.cli;

import java.util.function.Supplier;
import org.rjhub.testsupport.TestStack;

/** Runs the CLI in-process against a test's stack, found as a command finds it: through the system properties. */
final class CliOnStack {

    private CliOnStack() {}

    static <T> T run(TestStack stack, Supplier<T> command) {
        System.setProperty(
                StackConnection.BOOTSTRAP_PROPERTY, stack.connection().bootstrapServers());
        System.setProperty(
                StackConnection.REGISTRY_PROPERTY,
                stack.connection().registryUrl().toString());
        try {
            return command.get();
        } finally {
            System.clearProperty(StackConnection.BOOTSTRAP_PROPERTY);
            System.clearProperty(StackConnection.REGISTRY_PROPERTY);
        }
    }
}
