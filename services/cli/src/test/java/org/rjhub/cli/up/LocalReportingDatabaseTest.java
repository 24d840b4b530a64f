package org.rjhub.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local reporting database is emptied for a new run, unless a live process has it open. */
class LocalReportingDatabaseTest {

    @Test
    void shouldEmptyTheDatabaseOfAnEarlierRunEvenWithALockLeftByAKilledProcess(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("reporting.mv.db"), "facts");
        Files.writeString(dir.resolve("reporting.lock.db"), "#FileLock\nmethod=file\nid=1a2b\n");
        Files.writeString(dir.resolve("other.txt"), "kept");
        LocalReportingDatabase db = new LocalReportingDatabase(dir);

        assertThat(db.inUse()).isFalse();
        assertThat(db.reset()).isTrue();
        assertThat(dir.resolve("reporting.mv.db")).doesNotExist();
        assertThat(dir.resolve("reporting.lock.db")).doesNotExist();
        assertThat(dir.resolve("other.txt")).exists();
    }

    @Test
    void shouldLeaveADatabaseWhoseServerAnswers(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(dir.resolve("reporting.mv.db"), "facts");
            Files.writeString(
                    dir.resolve("reporting.lock.db"),
                    "#FileLock\nmethod=file\nserver=127.0.0.1\\:" + server.getLocalPort() + "\n");
            LocalReportingDatabase db = new LocalReportingDatabase(dir);

            assertThat(db.inUse()).isTrue();
            assertThat(db.reset()).isFalse();
            assertThat(dir.resolve("reporting.mv.db")).exists();
        }
    }
}
