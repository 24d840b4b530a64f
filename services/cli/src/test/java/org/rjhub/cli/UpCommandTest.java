package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.cli.up.HubService;

class UpCommandTest {

    @Test
    void shouldStartEveryServiceUnlessToldOnlySome() {
        assertThat(UpCommand.selected(null)).isEqualTo(HubService.ALL);
        assertThat(UpCommand.selected(List.of("broker", "registry"))).isEmpty();
        assertThat(UpCommand.selected(List.of("registry", "lag-monitor", "Router")))
                .containsExactly(HubService.ROUTER, HubService.LAG_MONITOR);
    }
}
