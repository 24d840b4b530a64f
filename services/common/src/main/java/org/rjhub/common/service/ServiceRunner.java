package org.rjhub.common.service;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hub service as a process, the same way for each: reads its configuration, builds the service, arms the
 * shutdown hook that closes it on SIGTERM or Ctrl-C (armed before processing starts, so that a stop during a long start,
 * e.g. a global store restoring, is clean too), starts it, waits until it has stopped, and says how with the exit code:
 * <ul>
 *   <li>{@value #EXIT_STOPPED}: stopped on request (the JVM then ends with the signal's own status, e.g. 143 for
 *       SIGTERM, which orchestrators take as a normal stop);</li>
 *   <li>{@value #EXIT_FAILED}: stopped on a fatal error or a spent retry budget, or could not start;</li>
 *   <li>{@value #EXIT_BAD_CONFIG}: bad configuration (a {@link ConfigException}, from the config or from the clients
 *       the service builds), nothing started.</li>
 * </ul>
 * A service's {@code main} is one line: {@code ServiceRunner.forProcess("router").runAndExit(config, Service::create)}.
 * Logs carry the service's name, setting names and exception classes, never record contents.
 */
public final class ServiceRunner {

    public static final int EXIT_STOPPED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    /** A service, as the runner sees it. */
    public interface Service extends AutoCloseable {

        /**
         * Starts processing; may block until the service can process (a {@link #close()} from another thread ends the
         * wait). A service that runs once built does nothing here.
         */
        default void start() {}

        /**
         * Blocks until the service has stopped: closed, or stopped on its own.
         *
         * @return how it stopped
         */
        Stop awaitStop() throws InterruptedException;

        /** Stops the service and releases what it holds; may be called more than once, from any thread. */
        @Override
        void close();
    }

    /** How a service stopped. */
    public enum Stop {
        /** Closed on request, nothing failed. */
        CLOSED,
        /** Stopped on a fatal error or a spent retry budget. */
        FAILED
    }

    /** Builds a service from its configuration, ready to {@link Service#start()}. */
    @FunctionalInterface
    public interface Factory<C> {
        Service create(C config);
    }

    /** Where the runner registers its shutdown hook (the JVM's, or a test's). */
    @FunctionalInterface
    public interface ShutdownHooks {
        void add(Thread hook);
    }

    private final String name;
    private final ShutdownHooks hooks;
    private final PrintStream err;
    private final Duration closeTimeout;
    private volatile boolean stopRequested;
    private volatile boolean finished;

    ServiceRunner(String name, ShutdownHooks hooks, PrintStream err, Duration closeTimeout) {
        this.name = name;
        this.hooks = hooks;
        this.err = err;
        this.closeTimeout = closeTimeout;
    }

    /**
     * A runner for the process: the JVM's shutdown hooks, bad configuration reported on standard error, and at most
     * 45 s for a close on SIGTERM (Kafka Streams waits up to 30 s for its threads; a client still blocked in its
     * start, e.g. a global store waiting for an unreachable broker, cannot be closed before the start gives up, and
     * the JVM then exits without waiting for it).
     */
    public static ServiceRunner forProcess(String name) {
        return new ServiceRunner(name, Runtime.getRuntime()::addShutdownHook, System.err, Duration.ofSeconds(45));
    }

    /**
     * Reads the configuration, builds the service, arms the shutdown hook that closes it, starts it, and waits until
     * it has stopped.
     *
     * @param config  reads and checks the configuration; a {@link ConfigException} means bad configuration
     * @param factory builds the service; a {@link ConfigException} from it or from the start (e.g. a client refusing
     *                a setting) also means bad configuration
     * @return the exit code: {@value #EXIT_STOPPED}, {@value #EXIT_FAILED} or {@value #EXIT_BAD_CONFIG}
     */
    public <C> int run(Supplier<? extends C> config, Factory<? super C> factory) {
        Service service;
        try {
            service = factory.create(config.get());
        } catch (ConfigException e) {
            return badConfiguration(e);
        } catch (RuntimeException e) {
            LOG.error("{}: could not start ({})", name, e.getClass().getName(), e);
            return EXIT_FAILED;
        }
        hooks.add(new Thread(
                () -> {
                    if (finished) {
                        return; // the service stopped by itself and is closed: this is the exit that followed
                    }
                    stopRequested = true;
                    LOG.info("{}: stopping on request", name);
                    closeWithin(service);
                },
                name + "-shutdown"));
        Stop stop;
        try {
            service.start();
            stop = service.awaitStop();
        } catch (ConfigException e) {
            service.close();
            finished = true;
            return badConfiguration(e);
        } catch (RuntimeException e) {
            if (!stopRequested) {
                LOG.error("{}: could not start ({})", name, e.getClass().getName(), e);
            }
            stop = stopRequested ? Stop.CLOSED : Stop.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("{}: interrupted while running; stopping", name);
            stop = Stop.FAILED;
        }
        service.close();
        finished = true;
        if (stop == Stop.FAILED) {
            LOG.error(
                    "{}: stopped on a fatal error or a spent retry budget, or could not start (logged above); exit {}",
                    name,
                    EXIT_FAILED);
            return EXIT_FAILED;
        }
        LOG.info("{}: stopped", name);
        return EXIT_STOPPED;
    }

    /** Closes {@code service} on a thread of its own, waiting at most the close timeout (the JVM is exiting). */
    private void closeWithin(Service service) {
        Thread closing = new Thread(service::close, name + "-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.isAlive()) {
            LOG.warn(
                    "{}: not closed within {} s; exiting without waiting (uncommitted work is redone by the next "
                            + "start)",
                    name,
                    closeTimeout.toSeconds());
        }
    }

    private int badConfiguration(ConfigException e) {
        // the message names the setting and the value (Kafka hides passwords); no record data can be in it
        err.println(name + ": bad configuration, not started: " + e.getMessage());
        return EXIT_BAD_CONFIG;
    }

    /**
     * {@link #run}, then {@code exit} with its code, unless the JVM is already stopping on a signal (calling
     * {@code System.exit} from there would wait for ever on the shutdown it is part of).
     *
     * @param exit {@code System::exit} in a service's {@code main}
     */
    public <C> void runAndExit(Supplier<? extends C> config, Factory<? super C> factory, IntConsumer exit) {
        int code = run(config, factory);
        if (!stopRequested) {
            exit.accept(code);
        }
    }

    /** As {@link #runAndExit(Supplier, Factory, IntConsumer)} with {@code System::exit}: what a {@code main} calls. */
    public <C> void runAndExit(Supplier<? extends C> config, Factory<? super C> factory) {
        runAndExit(config, factory, System::exit);
    }

    /** Whether the shutdown hook has asked the service to stop. */
    public boolean stopRequested() {
        return stopRequested;
    }
}
