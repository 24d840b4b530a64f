package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rjhub.deploy.HubService;

/** The image runs every service the deployment files name, and the command line for the one-shot jobs. */
class ImageEntrypointTest {

    @Test
    void shouldRunEveryServiceTheManifestsStartAndTheHubCommand() {
        String[] services =
                Arrays.stream(HubService.values()).map(HubService::command).toArray(String[]::new);

        assertThat(ImageEntrypoint.COMMANDS.keySet())
                .contains(services)
                .contains("hub")
                .hasSize(services.length + 1);
    }
}
