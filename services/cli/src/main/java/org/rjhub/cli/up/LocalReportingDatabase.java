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

    /** Whether a process has the database open now (H2 keeps a lock file while it does). */
    public boolean inUse() {
        return Files.exists(dir.resolve(NAME + ".lock.db"));
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
