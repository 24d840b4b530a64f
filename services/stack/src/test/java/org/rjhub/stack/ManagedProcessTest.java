package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldSayWhichProcessExitedWithItsExitCodeAndLog() {
        Path log = dir.resolve("broker.log");
        ManagedProcess broker = ManagedProcess.start("kafka broker", List.of("sh", "-c", "exit 3"), dir, log);
        while (broker.isAlive()) {
            Thread.onSpinWait();
        }

        assertThat(broker.exit())
                .hasValue("kafka broker (pid " + broker.pid() + ") exited with code 3; its log: " + log);
    }

    @Test
    void shouldSayNothingWhileTheProcessRuns() {
        try (ManagedProcess registry =
                ManagedProcess.start("apicurio registry", List.of("sleep", "600"), dir, dir.resolve("registry.log"))) {
            assertThat(registry.exit()).isEmpty();
        }
    }
}
