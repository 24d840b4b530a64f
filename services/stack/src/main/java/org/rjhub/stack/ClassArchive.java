package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing for a child JVM of the stack (the JDK's AppCDS): the first run of a class path writes the classes
 * it loaded to an archive as it exits, later runs map that archive instead of reading, parsing and verifying the same
 * classes from their jars again (start-up CPU of the broker and the registry). The archive's name holds a digest of the
 * JDK and of every jar of the class path (name, size, time), so a rebuilt jar or another JDK gets a new archive; one
 * the JVM still cannot use is ignored by it (sharing is "auto") and the run goes on without. An archive is written to a
 * name of its own and renamed into place only once complete, so stacks started side by side never share a half-written
 * one.
 */
final class ClassArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);

    private final Path archive;
    private final Path writing; // null when the archive exists

    private ClassArchive(Path archive, Path writing) {
        this.archive = archive;
        this.writing = writing;
    }

    /**
     * The archive of {@code name} for the class path of {@code jars} (files, or folders whose jars count) under
     * {@code dir}: the one to use, or, when there is none yet, the one this run writes.
     */
    static ClassArchive of(Path dir, String name, List<Path> jars) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path archive = dir.resolve(name + "-" + digest(jars) + ".jsa");
        return Files.isRegularFile(archive)
                ? new ClassArchive(archive, null)
                : new ClassArchive(archive, dir.resolve(name + "-" + UUID.randomUUID() + ".jsa.part"));
    }

    /** The JVM options: map the archive, or write it at exit; never a word about it on the JVM's output. */
    List<String> jvmOptions() {
        return List.of(
                writing == null ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + writing,
                "-Xshare:auto",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
    }

    /** Whether the JVM writes the archive as it exits (so it must exit, not be killed, for the next run to map it). */
    boolean writesAtExit() {
        return writing != null;
    }

    /** After the JVM exited: puts the archive it wrote into place (or drops what it left unfinished). */
    void exited() {
        if (writing == null) {
            return;
        }
        try {
            if (Files.isRegularFile(writing) && Files.size(writing) > 0) {
                Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(writing);
            }
        } catch (IOException e) {
            LOG.debug("No class archive {} kept", archive, e);
        }
    }

    /**
     * After the JVM was killed before it could exit (a start that failed): drops whatever archive it began, which would
     * hold only the classes of a start that never finished.
     */
    void abandoned() {
        if (writing == null) {
            return;
        }
        try {
            Files.deleteIfExists(writing);
        } catch (IOException e) {
            LOG.debug("No unfinished class archive {} deleted", writing, e);
        }
    }

    private static String digest(List<Path> jars) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                List<Path> files;
                if (Files.isDirectory(jar)) {
                    try (Stream<Path> listed = Files.list(jar)) {
                        files = listed.filter(p -> p.toString().endsWith(".jar"))
                                .sorted()
                                .toList();
                    }
                } else {
                    files = List.of(jar);
                }
                for (Path file : files) {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    sha.update((file.toAbsolutePath() + "|" + a.size() + "|"
                                    + a.lastModifiedTime().toMillis() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path " + jars, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }
}
