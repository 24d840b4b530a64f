package org.rjhub.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.function.Supplier;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.StackSecurity;
import org.rjhub.testsupport.TestStack;

/**
 * Runs the CLI in-process against a test's stack, found as a command finds it: through the system properties, with
 * the principal's client settings (on a secured stack its TLS and SASL settings; for the admin, also the registry's
 * provisioning client) in an owner-only client config file.
 */
final class CliOnStack {

    private CliOnStack() {}

    /** As the provisioning principal (admin). */
    static <T> T run(TestStack stack, Supplier<T> command) {
        return run(stack, StackSecurity.ADMIN, command);
    }

    static <T> T run(TestStack stack, String principal, Supplier<T> command) {
        KafkaConnection connection =
                StackSecurity.ADMIN.equals(principal) ? stack.connection() : stack.connection(principal);
        Path config = clientConfig(connection);
        System.setProperty(StackConnection.BOOTSTRAP_PROPERTY, connection.bootstrapServers());
        System.setProperty(
                StackConnection.REGISTRY_PROPERTY, connection.registryUrl().toString());
        System.setProperty(StackConnection.CLIENT_CONFIG_PROPERTY, config.toString());
        try {
            return command.get();
        } finally {
            System.clearProperty(StackConnection.BOOTSTRAP_PROPERTY);
            System.clearProperty(StackConnection.REGISTRY_PROPERTY);
            System.clearProperty(StackConnection.CLIENT_CONFIG_PROPERTY);
            try {
                Files.deleteIfExists(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path clientConfig(KafkaConnection connection) {
        try {
            Path file = Files.createTempFile(
                    "cli-on-stack",
                    ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties p = new Properties();
            p.putAll(connection.clientSettings());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "a test's client settings");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
