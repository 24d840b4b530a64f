package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkCommandHelpTest {

    @Test
    void shouldDescribeItsInputsOutputsAndOptions() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "FILE...",
                        "--agency=AGENCY",
                        "--out=FILE",
                        "--truth=TRUTH",
                        "--keep-apart=A,B",
                        "--link=A,B",
                        "--reviews=FILE",
                        "rec_id,person_id",
                        "agency,agency_referral_id,case_id,person_ids",
                        "OTHER_PARTY",
                        "Exit codes");
        assertThat(run.out().lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void shouldAskForAtLeastOneFile() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }
}
