package org.rjhub.lagmonitor;

import java.util.Arrays;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.lagmonitor.business.HttpBusinessLagSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lag monitor as a process ({@link ServiceRunner}: stops cleanly on SIGTERM / Ctrl-C, exits 2 on bad
 * configuration): reads its settings from the environment ({@link LagMonitorConfig}), starts polling and serving.
 * {@code --help} lists the settings.
 */
public final class LagMonitorMain {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitorMain.class);

    private LagMonitorMain() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("RJ Hub lag monitor. Settings (environment variables, default, meaning):");
            System.out.println(LagMonitorConfig.describe());
            return;
        }
        ServiceRunner.forProcess("lag-monitor")
                .runAndExit(() -> LagMonitorConfig.fromEnvironment(System.getenv()), LagMonitorMain::start);
    }

    static LagMonitorService start(LagMonitorConfig config) {
        // business lag from the services that own it, e.g. the case service's /business-lag
        LagMonitorService service = LagMonitorService.start(
                config, HttpBusinessLagSource.fromList(String.join(",", config.businessLagUrls())));
        LOG.info(
                "Lag monitor watching groups matching '{}' on {}, polling every {}, serving on {}:{}",
                config.groupFilter(),
                config.bootstrapServers(),
                config.pollInterval(),
                config.httpHost(),
                service.port());
        return service;
    }
}
