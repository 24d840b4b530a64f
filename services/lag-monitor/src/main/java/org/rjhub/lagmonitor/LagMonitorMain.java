package org.rjhub.lagmonitor;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lag monitor: reads its settings from the environment ({@link LagMonitorConfig.Setting}), starts polling and
 * serving, and stops cleanly on SIGTERM / Ctrl-C. {@code --help} lists the settings.
 */
public final class LagMonitorMain {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitorMain.class);

    private LagMonitorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("RJ Hub lag monitor. Settings (environment variables, default, meaning):");
            System.out.println(LagMonitorConfig.describe());
            return;
        }
        LagMonitorConfig config;
        try {
            config = LagMonitorConfig.fromMap(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("lag-monitor: " + e.getMessage());
            System.exit(2);
            return;
        }
        // business lag from the services that own it, e.g. the case service's /business-lag
        LagMonitorService service = LagMonitorService.start(config,
                org.rjhub.lagmonitor.business.HttpBusinessLagSource.fromList(System.getenv("RJ_BUSINESS_LAG_URLS")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the lag monitor");
            service.close();
            stopped.countDown();
        }, "lag-monitor-shutdown"));
        LOG.info("Lag monitor watching groups matching '{}' on {}, polling every {}, serving on port {}",
                config.groupFilter(), config.bootstrapServers(), config.pollInterval(), service.port());
        stopped.await();
    }
}
