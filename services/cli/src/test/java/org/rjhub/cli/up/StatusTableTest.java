package org.rjhub.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    private static final List<StatusTable.Row> ROWS = List.of(
            new StatusTable.Row("broker", "127.0.0.1:9092", "ready", ""),
            new StatusTable.Row("router", "http://127.0.0.1:8081", "starting", "log router.log"),
            new StatusTable.Row("lag-monitor", "http://127.0.0.1:9308", "EXITED (status 1), not restarted", ""));

    @Test
    void shouldAlignEveryColumnUnderItsHeader() {
        // When
        List<String> lines = StatusTable.render(ROWS).lines().toList();

        // Then a header, one line per row, each column starting where its header starts
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("SERVICE      ADDRESS                STATUS");
        int address = lines.get(0).indexOf("ADDRESS");
        int status = lines.get(0).indexOf("STATUS");
        assertThat(lines.get(1).indexOf("127.0.0.1:9092")).isEqualTo(address);
        assertThat(lines.get(2).indexOf("starting")).isEqualTo(status);
        assertThat(lines.get(3)).startsWith("lag-monitor  http://127.0.0.1:9308  EXITED (status 1), not restarted");
        assertThat(lines.get(2)).endsWith("starting                          log router.log");
        assertThat(lines).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void shouldSummariseWhatIsReadyAndNameWhatIsNot() {
        assertThat(StatusTable.summary(ROWS, "ready")).isEqualTo("1 of 3 ready; not ready: router, lag-monitor");
        assertThat(StatusTable.summary(ROWS.subList(0, 1), "ready")).isEqualTo("1 of 1 ready");
    }
}
