package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class archives of the stack's JVMs: written by a first run, mapped by the next, made anew for a changed jar. */
class ClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWritesTheArchiveAtExitAndTheNextRunMapsIt() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path archives = dir.resolve("cds");

        ClassArchive first = ClassArchive.of(archives, "probe", List.of(lib));
        assertThat(first.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        runJava(first, "first");
        first.exited();
        assertThat(files(archives))
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).endsWith(".jsa"));

        ClassArchive second = ClassArchive.of(archives, "probe", List.of(lib));
        assertThat(second.jvmOptions()).anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
        // -Xshare:on after the options: the JVM refuses to start unless it maps the archive
        runJava(second, "second", "-Xshare:on");
        second.exited();
        assertThat(files(archives)).hasSize(1);
    }

    @Test
    void aChangedJarGetsAnArchiveOfItsOwn() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "not really a jar");
        Path archives = dir.resolve("cds");
        String before =
                ClassArchive.of(archives, "app", List.of(jar)).jvmOptions().get(0);
        assertThat(ClassArchive.of(archives, "app", List.of(jar)).jvmOptions().get(0))
                .as("the same jar, a new archive to write each time while none is in place")
                .isNotEqualTo(before);

        ClassArchive written = ClassArchive.of(archives, "app", List.of(jar));
        Files.writeString(Path.of(written.jvmOptions().get(0).substring("-XX:ArchiveClassesAtExit=".length())), "x");
        written.exited();
        String mapped =
                ClassArchive.of(archives, "app", List.of(jar)).jvmOptions().get(0);
        assertThat(mapped).startsWith("-XX:SharedArchiveFile=");

        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(ClassArchive.of(archives, "app", List.of(jar)).jvmOptions().get(0))
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aRunThatWroteNothingLeavesNothing() throws Exception {
        Path archives = dir.resolve("cds");
        ClassArchive killed = ClassArchive.of(archives, "app", List.of(dir));
        killed.exited();
        assertThat(files(archives)).isEmpty();
    }

    private void runJava(ClassArchive archive, String name, String... more) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java()));
        command.addAll(archive.jvmOptions());
        command.addAll(List.of(more));
        command.add("-version");
        ManagedProcess.run(name, command, dir, dir.resolve(name + ".log"), 60);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.toList();
        }
    }
}
