package org.rjhub.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub deploy generate|check}: the generated Compose and Kubernetes files under {@code deploy/}. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description =
                "The deployment files (deploy/compose, deploy/k8s) generated from the topic catalogue, the access "
                        + "file and the services' settings.",
        subcommands = {DeployCommand.Generate.class, DeployCommand.Check.class})
public final class DeployCommand {

    /** The command that regenerates the files, named by a failing check. */
    public static final String REGENERATE = "./hub deploy generate";

    /** {@code hub deploy}, also runnable alone (e.g. from the module's classpath). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new DeployCommand()).execute(args));
    }

    static Manifests manifests() {
        return new Manifests(TopicCatalogue.load(), AccessPolicy.load());
    }

    /** The files under {@code root} that differ from what would be generated (missing ones too), by path. */
    public static List<String> stale(Path root, Map<String, String> generated) {
        List<String> stale = new ArrayList<>();
        generated.forEach((path, text) -> {
            Path file = root.resolve(path);
            try {
                if (!Files.exists(file)
                        || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                    stale.add(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return stale;
    }

    static Path root(Path given) {
        return given != null ? given : Path.of(System.getProperty("rj.home", System.getProperty("user.dir")));
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write the files.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--root", description = "The repository's folder (default: the hub's).")
        Path root;

        @Override
        public Integer call() throws IOException {
            Path base = root(root);
            for (var e : manifests().files().entrySet()) {
                Path file = base.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                System.out.println("wrote " + e.getKey());
            }
            return 0;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Exit 1 when a checked-in file differs from what would be generated.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--root", description = "The repository's folder (default: the hub's).")
        Path root;

        @Override
        public Integer call() {
            List<String> stale = stale(root(root), manifests().files());
            if (stale.isEmpty()) {
                System.out.println("deployment files up to date");
                return 0;
            }
            System.err.println("out of date: " + String.join(", ", stale) + "; run " + REGENERATE);
            return 1;
        }
    }
}
