package org.rjhub.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rjhub.stack.StackLayout;

/**
 * The embedded reporting database of a local hub ({@code .rj-data/reporting/}, where {@code hub report} reads by
 * default). A local stack is a new cluster each run, so the database of an earlier run (its facts and its stored
 * positions on a cluster that is gone) is emptied when a new run starts, unless it is open.
 */
public record LocalReportingDatabase(Path dir) {

    private static final String NAME = "reporting";

    public static LocalReportingDatabase of(StackLayout layout) {
        return new LocalReportingDatabase(layout.dataRoot().resolve(NAME));
    }

    /** The JDBC URL (H2; AUTO_SERVER lets {@code hub report} read while the consumer writes). */
    public String jdbcUrl() {
        return "jdbc:h2:" + dir.resolve(NAME).toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    /**
     * Whether a process has the database open now: H2 keeps a lock file naming the server (AUTO_SERVER) through which
     * others reach it while it is open; a lock file whose server does not answer is left over from a process that
     * was killed.
     */
    public boolean inUse() {
        Path lock = dir.resolve(NAME + ".lock.db");
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(lock)) {
            p.load(in);
        } catch (IOException e) {
            return true; // being written: someone is opening it
        }
        String server = p.getProperty("server");
        if (server == null || !server.contains(":")) {
            return false;
        }
        String host = server.substring(0, server.lastIndexOf(':'));
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Empties the database of an earlier run.
     *
     * @return false, and nothing deleted, when it is open
     */
    public boolean reset() {
        if (inUse()) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(NAME + "."))
                    .toList()) {
                Files.delete(f);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the reporting database in " + dir, e);
        }
    }
}
