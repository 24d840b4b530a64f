package org.rjhub.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.SchemaFormatter;

/**
 * Releases the current contracts: for each value record whose current schema differs from its latest released
 * version, checks BACKWARD compatibility with every released version and writes the next
 * {@code released/<record full name>/v<N>.avsc}.
 *
 * <pre>
 * cd schemas &amp;&amp; mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:$(cat target/cp.txt) org.rjhub.schemas.Release released
 * </pre>
 */
public final class Release {

    private Release() {}

    public static void main(String[] args) {
        var dir = Path.of(args.length > 0 ? args[0] : "released");
        var written = release(dir);
        if (written.isEmpty()) {
            System.out.println("nothing to release: every contract equals its latest released version");
        }
        written.forEach(file -> System.out.println("released " + file));
    }

    /**
     * Writes the next version of every changed contract into {@code dir}.
     *
     * @return the files written
     * @throws IllegalStateException when a contract is not BACKWARD compatible with a released version
     */
    public static List<Path> release(Path dir) {
        var written = new ArrayList<Path>();
        for (var schema : Contracts.valueSchemas()) {
            var folder = dir.resolve(schema.getFullName());
            var released = readReleased(folder);
            var current = SchemaFormatter.format("json/pretty", schema) + "\n";
            if (!released.isEmpty() && released.get(released.size() - 1).equals(current)) {
                continue;
            }
            var report = Compatibility.checkBackwardTransitive(
                    schema,
                    released.stream()
                            .map(text -> new org.apache.avro.Schema.Parser().parse(text))
                            .toList());
            if (!report.compatible()) {
                throw new IllegalStateException(schema.getFullName() + " cannot be released:\n" + report.describe());
            }
            try {
                Files.createDirectories(folder);
                var file = folder.resolve("v" + (released.size() + 1) + ".avsc");
                Files.writeString(file, current, StandardCharsets.UTF_8);
                written.add(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + folder, e);
            }
        }
        return written;
    }

    private static List<String> readReleased(Path folder) {
        var versions = new ArrayList<String>();
        for (int version = 1; ; version++) {
            var file = folder.resolve("v" + version + ".avsc");
            if (!Files.exists(file)) {
                return versions;
            }
            try {
                versions.add(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
