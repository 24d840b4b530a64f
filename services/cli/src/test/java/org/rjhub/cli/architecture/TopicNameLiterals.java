package org.rjhub.cli.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds topic names typed as string literals in Java source: a literal that holds a catalogue topic's name, a
 * versioned topic suffix ({@code .v1}), a queue topic's prefix ({@code rj.queue.}) or starts with an agency's topic
 * prefix ({@code police.}). Comments are not literals; text blocks are. A media type's version
 * ({@code application/vnd.schemaregistry.v1+json}) is not a topic's.
 */
final class TopicNameLiterals {

    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\.v\\d+(?![A-Za-z0-9_+])");
    private static final Pattern QUEUE_PREFIX = Pattern.compile("rj\\.queue\\.");

    /**
     * A literal that names a topic.
     *
     * @param file    where
     * @param line    its line (1-based)
     * @param literal its content as typed, without the quotes
     */
    record Finding(Path file, int line, String literal) {
        @Override
        public String toString() {
            return file + ":" + line + ": \"" + literal + "\"";
        }
    }

    private final Collection<String> topics;
    private final Pattern agencyPrefix;

    /**
     * @param topics      the catalogue's topic names
     * @param agencyNames the agencies' names, which prefix their topics
     */
    TopicNameLiterals(Collection<String> topics, Collection<String> agencyNames) {
        this.topics = List.copyOf(topics);
        this.agencyPrefix = Pattern.compile(
                "^(" + String.join("|", agencyNames.stream().map(Pattern::quote).toList()) + ")\\.");
    }

    /** The literals of every {@code .java} file under {@code root} that name a topic. */
    List<Finding> scanTree(Path root) {
        List<Finding> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(scan(file, Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The literals of one source that name a topic. */
    List<Finding> scan(Path file, String source) {
        List<Finding> found = new ArrayList<>();
        for (Literal literal : literals(source)) {
            if (namesATopic(literal.text())) {
                found.add(new Finding(file, literal.line(), literal.text()));
            }
        }
        return found;
    }

    boolean namesATopic(String literal) {
        return topics.stream().anyMatch(literal::contains)
                || VERSION_SUFFIX.matcher(literal).find()
                || QUEUE_PREFIX.matcher(literal).find()
                || agencyPrefix.matcher(literal).find();
    }

    private record Literal(int line, String text) {}

    /** The string literals and text blocks of a Java source, comments and character literals skipped. */
    private static List<Literal> literals(String s) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                line += count(s, i, end);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? s.length() : end;
                out.add(new Literal(line, s.substring(i + 3, end)));
                line += count(s, i, end);
                i = Math.min(s.length(), end + 3);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(new Literal(line, s.substring(i + 1, Math.min(j, s.length()))));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }
}
