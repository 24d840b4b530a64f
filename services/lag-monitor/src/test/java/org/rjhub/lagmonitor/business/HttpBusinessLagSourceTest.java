package org.rjhub.lagmonitor.business;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpBusinessLagSourceTest {

    @Test
    void shouldReadTheCaseServicesOldestUnassignedCasePerQueue() throws Exception {
        var json = new ObjectMapper().readTree("""
                [{"measure": "oldest_unassigned_case_age", "queue": "harlow", "ageSeconds": 86400},
                 {"measure": "oldest_unassigned_case_age", "queue": "specialist", "ageSeconds": 60}]
                """);

        var readings = HttpBusinessLagSource.parse(json);

        assertThat(readings)
                .containsExactly(
                        new BusinessLag("oldest_unassigned_case_age", "harlow", Duration.ofDays(1)),
                        new BusinessLag("oldest_unassigned_case_age", "specialist", Duration.ofMinutes(1)));
    }

    @Test
    void shouldMakeNoSourceFromABlankList() {
        assertThat(HttpBusinessLagSource.fromList(" ")).isEmpty();
        assertThat(HttpBusinessLagSource.fromList("http://127.0.0.1:7080/business-lag"))
                .hasSize(1);
    }
}
