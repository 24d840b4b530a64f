package org.rjhub.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker of its own, for a test of the broker's faults: stopped (gently or with SIGKILL) and
 * started again on the same data folder and the same ports, so clients reconnect to the address they know. It shares
 * nothing with the stack other tests use. Closing it stops it and deletes its data.
 */
public final class RestartableBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestartableBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaBroker broker;
    private final Path dataDir;

    private RestartableBroker(KafkaBroker broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    /** Formats a fresh data folder, starts the broker on free loopback ports and waits until it answers. */
    public static RestartableBroker start(StackLayout layout, String heap) {
        Path dataDir = layout.newDataDir("broker");
        KafkaBroker broker = KafkaBroker.launch(layout, dataDir, 0, heap);
        try {
            broker.awaitReady(START_TIMEOUT);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Own broker up at {}", broker.bootstrapServers());
        return new RestartableBroker(broker, dataDir);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker: a controlled shutdown, or with {@code kill} a SIGKILL; returns once the process is gone. */
    public void stop(boolean kill) {
        broker.stop(kill);
        LOG.info("Own broker at {} stopped ({})", broker.bootstrapServers(), kill ? "SIGKILL" : "SIGTERM");
    }

    /** Starts the stopped broker again on the same data and ports, and waits until it answers. */
    public void restart() {
        broker.relaunch();
        broker.awaitReady(START_TIMEOUT);
        LOG.info("Own broker at {} running again", broker.bootstrapServers());
    }

    @Override
    public void close() {
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dataDir, e);
        }
    }
}
