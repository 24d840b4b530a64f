package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Maven-built runtimes are and where the stack keeps its data.
 *
 * @param projectRoot the repository root (holds {@code deploy/})
 * @param kafkaLib    the broker's jars ({@code deploy/kafka-runtime/target/lib})
 * @param registryJar Apicurio's runner jar ({@code deploy/registry-runtime/target/apicurio/...-runner.jar})
 * @param dataRoot    where each stack gets a data folder ({@code .rj-data/}, ignored by git)
 */
public record StackLayout(Path projectRoot, Path kafkaLib, Path registryJar, Path dataRoot) {

    /** System property naming the project root; the {@code hub} launcher sets it. */
    public static final String HOME_PROPERTY = "rj.home";

    static final String REGISTRY_RUNNER = "apicurio-registry-app-3.0.9-runner.jar";

    /** Finds the project root from {@code -Drj.home} or by walking up from the working directory. */
    public static StackLayout discover() {
        Path root = Optional.ofNullable(System.getProperty(HOME_PROPERTY))
                .map(Path::of)
                .orElseGet(() -> walkUp(Path.of("").toAbsolutePath()));
        return of(root);
    }

    public static StackLayout of(Path root) {
        Path lib = root.resolve("deploy/kafka-runtime/target/lib");
        Path registry = root.resolve("deploy/registry-runtime/target/apicurio/" + REGISTRY_RUNNER);
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka runtime not built: " + lib
                    + " is missing. Run `mvn -B package -DskipTests` " + "(or ./hub, which builds on first use).");
        }
        if (!Files.isRegularFile(registry)) {
            throw new IllegalStateException("Apicurio Registry runtime not built: " + registry + " is missing. "
                    + "Run `mvn -B package -DskipTests`.");
        }
        return new StackLayout(root, lib, registry, root.resolve(".rj-data"));
    }

    private static Path walkUp(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/topics.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "cannot find the RJ Hub project root above " + from + "; set -D" + HOME_PROPERTY + "=<root>");
    }

    /** Where the stack's JVMs keep their class archives ({@link ClassArchive}), kept from run to run. */
    Path classArchives() {
        return dataRoot.resolve("cds");
    }

    /** A fresh, empty data folder for one stack run. */
    public Path newDataDir(String name) {
        try {
            Files.createDirectories(dataRoot);
            return Files.createTempDirectory(dataRoot, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder under " + dataRoot, e);
        }
    }
}
