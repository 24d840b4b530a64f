package org.rjhub.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.OwnerOnlyFiles;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import org.rjhub.stack.StackSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One secured local stack for a whole Maven build, shared by every test JVM of every module (failsafe's forks): the
 * first JVM that needs it starts it in a process of its own, which lives as long as the Maven build that started
 * it; the others join it through the file that process writes. Each test still works in its own namespace
 * ({@link TestStack#newNamespace}), so sharing the broker changes nothing a test sees; what it saves is a broker and
 * a registry started, and kept busy, per test JVM (on 2 cores, the starts alone were minutes of a build).
 *
 * <p>On when the system property {@value #PROPERTY} names a folder (the build sets it) and this JVM runs under a
 * Maven build; else (an IDE, a plain {@code java}) each test JVM starts its own stack, as before.
 */
final class SharedStack {

    /** The folder under which the shared stacks' processes announce themselves, one sub-folder per Maven build. */
    static final String PROPERTY = "rj.it.shared-stack";

    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);
    private static final String DESCRIPTOR = "stack.properties";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration OWNER_POLL = Duration.ofSeconds(1);

    private SharedStack() {}

    /** The shared stack of this Maven build, started if no JVM of it has yet; empty where sharing is off. */
    static Optional<TestStack> join() {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> build = mavenBuild();
        if (build.isEmpty()) {
            LOG.info("Not under a Maven build: this test JVM starts a stack of its own");
            return Optional.empty();
        }
        Path dir = OwnerOnlyFiles.directory(folder(Path.of(root), build.get()));
        return Optional.of(joinOrStart(dir, build.get().pid()));
    }

    /** The folder of one Maven build's shared stack. */
    static Path folder(Path root, ProcessHandle build) {
        return root.resolve("build-" + build.pid());
    }

    private static TestStack joinOrStart(Path dir, long buildPid) {
        // the lock makes the first JVM the one that starts it; the others wait here, then read what it wrote
        try (FileChannel lockFile =
                FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lockFile.lock(); // released when the channel closes
            Path descriptor = dir.resolve(DESCRIPTOR);
            Optional<Properties> running = read(descriptor).filter(SharedStack::serverAlive);
            if (running.isPresent()) {
                LOG.info("Integration tests join the build's shared secured local stack");
                return testStack(running.get());
            }
            Files.deleteIfExists(descriptor);
            long t0 = System.nanoTime();
            Process server = launch(dir, buildPid);
            Properties started = awaitDescriptor(descriptor, server);
            LOG.info(
                    "Integration tests use the build's shared secured local stack (no Docker engine), up in {} ms",
                    (System.nanoTime() - t0) / 1_000_000);
            return testStack(started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join the build's shared stack in " + dir, e);
        }
    }

    private static Process launch(Path dir, long buildPid) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SharedStack.class.getName(),
                        dir.toString(),
                        Long.toString(buildPid))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().remove(KafkaConnection.ENV_BOOTSTRAP);
        return builder.start();
    }

    private static Properties awaitDescriptor(Path descriptor, Process server) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Properties> written = read(descriptor);
            if (written.isPresent()) {
                return written.get();
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the shared stack's process ended (exit " + server.exitValue()
                        + "); see " + descriptor.resolveSibling("server.log"));
            }
            sleep(Duration.ofMillis(200));
        }
        server.destroy();
        throw new IllegalStateException("the shared stack did not start within " + START_TIMEOUT + "; see "
                + descriptor.resolveSibling("server.log"));
    }

    private static TestStack testStack(Properties descriptor) {
        Map<String, String> settings = new HashMap<>();
        descriptor.stringPropertyNames().stream()
                .filter(name -> name.startsWith("client."))
                .forEach(name -> settings.put(name.substring("client.".length()), descriptor.getProperty(name)));
        KafkaConnection admin = new KafkaConnection(
                descriptor.getProperty("bootstrap.servers"),
                URI.create(descriptor.getProperty("registry.url")),
                settings);
        StackSecurity security = StackSecurity.load(
                Path.of(descriptor.getProperty("data.dir")), AccessPolicy.load().principalNames());
        return new TestStack(admin, security, "local");
    }

    private static boolean serverAlive(Properties descriptor) {
        return ProcessHandle.of(Long.parseLong(descriptor.getProperty("pid")))
                .map(ProcessHandle::isAlive)
                .orElse(false);
    }

    /** The Maven JVM this one runs under: failsafe's fork is its child, or its grandchild through a shell. */
    static Optional<ProcessHandle> mavenBuild() {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; depth < 3 && p.isPresent(); depth++) {
            boolean maven = p.get()
                    .info()
                    .commandLine()
                    .map(line ->
                            line.contains("org.codehaus.plexus.classworlds") || line.contains("plexus-classworlds"))
                    .orElse(false);
            if (maven) {
                return p;
            }
            p = p.get().parent();
        }
        return Optional.empty();
    }

    private static Optional<Properties> read(Path descriptor) {
        if (!Files.isRegularFile(descriptor)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(descriptor)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The shared stack's process: starts the secured local stack, writes how to reach it (owner-only: it holds the
     * admin's password) and stops it when the Maven build that started it has ended, however it ended.
     *
     * @param args the folder to write into, the Maven build's process id
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long buildPid = Long.parseLong(args[1]);
        try (LocalStack stack = LocalStack.start(StackLayout.discover(), StackOptions.defaults())) {
            Properties p = new Properties();
            KafkaConnection admin = stack.connection();
            p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            p.setProperty("bootstrap.servers", admin.bootstrapServers());
            p.setProperty("registry.url", admin.registryUrl().toString());
            p.setProperty("data.dir", stack.dataDir().toAbsolutePath().toString());
            admin.clientSettings().forEach((k, v) -> p.setProperty("client." + k, v));
            Path part = dir.resolve(DESCRIPTOR + ".part");
            StringWriter out = new StringWriter();
            p.store(out, "the build's shared test stack: the admin's connection (secret)");
            OwnerOnlyFiles.write(part, out.toString());
            Files.move(part, dir.resolve(DESCRIPTOR), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Shared test stack up for Maven build {}: {}", buildPid, List.of(stack.pids()));
            while (ProcessHandle.of(buildPid).map(ProcessHandle::isAlive).orElse(false)) {
                sleep(OWNER_POLL);
            }
            Files.deleteIfExists(dir.resolve(DESCRIPTOR));
            LOG.info("The Maven build has ended: stopping the shared test stack");
        }
    }
}
