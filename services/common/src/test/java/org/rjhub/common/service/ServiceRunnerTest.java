package org.rjhub.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {

    /** A service that runs until closed, or until {@link #fail()} stops it as a fatal error would. */
    private static class FakeService implements ServiceRunner.Service {
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        volatile boolean failed;
        volatile boolean blockStart;

        @Override
        public void start() {
            starts.incrementAndGet();
            if (blockStart) { // as Kafka Streams waits for a global store to initialise, until closed
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("closed while starting");
            }
        }

        void fail() {
            failed = true;
            stopped.countDown();
        }

        @Override
        public ServiceRunner.Stop awaitStop() throws InterruptedException {
            stopped.await();
            return failed ? ServiceRunner.Stop.FAILED : ServiceRunner.Stop.CLOSED;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            stopped.countDown();
        }
    }

    private final List<Thread> hooks = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ServiceRunner runner = new ServiceRunner(
            "test-service", hooks::add, new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(30));
    private final List<Integer> exits = new ArrayList<>();

    @Test
    void shouldExitOneWhenTheServiceStopsOnAFatalError() {
        // Given a service that stops on a fatal error once running
        FakeService service = new FakeService();
        service.fail();

        // When the runner runs it
        runner.runAndExit(() -> "config", config -> service, exits::add);

        // Then the process exits 1, with the service closed
        assertThat(exits).containsExactly(ServiceRunner.EXIT_FAILED);
        assertThat(service.closes).hasValue(1);
        assertThat(runner.stopRequested()).isFalse();
    }

    @Test
    void shouldNotTakeTheExitAfterAFailureForAStopRequest() {
        // Given a service that failed, and the runner returning 1
        FakeService service = new FakeService();
        service.fail();
        assertThat(runner.run(() -> "config", config -> service)).isEqualTo(ServiceRunner.EXIT_FAILED);

        // When the exit that follows runs the shutdown hook
        hooks.get(0).run();

        // Then the hook leaves the closed service alone
        assertThat(service.closes).hasValue(1);
        assertThat(runner.stopRequested()).isFalse();
    }

    @Test
    void shouldCloseTheServiceOnShutdownAndReturnZeroWithoutCallingExit() throws Exception {
        // Given a running service
        FakeService service = new FakeService();
        CompletableFuture<Void> running =
                CompletableFuture.runAsync(() -> runner.runAndExit(() -> "config", config -> service, exits::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.size() == 1);

        // When the JVM shuts down (SIGTERM, Ctrl-C) and runs the hook
        Thread hook = hooks.get(0);
        hook.start();
        hook.join(TimeUnit.SECONDS.toMillis(10));
        running.get(10, TimeUnit.SECONDS);

        // Then the service is closed, and the runner leaves the exit to the JVM (its status is the signal's)
        assertThat(service.closes.get()).isPositive();
        assertThat(runner.stopRequested()).isTrue();
        assertThat(exits).isEmpty();
    }

    @Test
    void shouldCloseAServiceStillStartingOnShutdown() throws Exception {
        // Given a service whose start waits (a global store initialising, a broker not there yet)
        FakeService service = new FakeService();
        service.blockStart = true;
        CompletableFuture<Void> running =
                CompletableFuture.runAsync(() -> runner.runAndExit(() -> "config", config -> service, exits::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.size() == 1 && service.starts.get() == 1);

        // When the JVM shuts down while it starts
        Thread hook = hooks.get(0);
        hook.start();
        hook.join(TimeUnit.SECONDS.toMillis(10));
        running.get(10, TimeUnit.SECONDS);

        // Then the hook closed it, which ended the start, and the runner leaves the exit to the JVM
        assertThat(service.closes.get()).isPositive();
        assertThat(runner.stopRequested()).isTrue();
        assertThat(exits).isEmpty();
    }

    @Test
    void shouldNotHoldTheJvmLongerThanTheCloseTimeoutWhenAServiceCannotClose() throws Exception {
        // Given a service whose close never ends (as Kafka Streams' close waits for a start that is still blocked)
        CountDownLatch never = new CountDownLatch(1);
        FakeService stuck = new FakeService() {
            @Override
            public void close() {
                closes.incrementAndGet();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ServiceRunner impatient = new ServiceRunner(
                "test-service", hooks::add, new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofMillis(100));
        CompletableFuture.runAsync(() -> impatient.run(() -> "config", config -> stuck));
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.size() == 1);

        // When the JVM shuts down
        Thread hook = hooks.get(0);
        hook.start();

        // Then the hook tried to close it and returns all the same, so the JVM can exit
        await().atMost(Duration.ofSeconds(10)).until(() -> !hook.isAlive());
        assertThat(stuck.closes.get()).isPositive();
        assertThat(impatient.stopRequested()).isTrue();
        never.countDown();
    }

    @Test
    void shouldExitOneWhenTheServiceFailsToStartAndCloseIt() {
        FakeService service = new FakeService() {
            @Override
            public void start() {
                throw new IllegalStateException("state directory locked by another instance");
            }
        };

        runner.runAndExit(() -> "config", config -> service, exits::add);

        assertThat(exits).containsExactly(ServiceRunner.EXIT_FAILED);
        assertThat(service.closes.get()).isPositive();
    }

    @Test
    void shouldReturnZeroWhenTheServiceStopsCleanlyByItself() {
        FakeService service = new FakeService();
        service.close();

        runner.runAndExit(() -> "config", config -> service, exits::add);

        assertThat(exits).containsExactly(ServiceRunner.EXIT_STOPPED);
    }

    @Test
    void shouldExitTwoOnBadConfigurationAndStartNothing() {
        // Given a configuration that does not check
        AtomicInteger starts = new AtomicInteger();

        // When the runner runs the service
        runner.runAndExit(
                () -> {
                    throw new ConfigException("rj.http.port", "70000", "Value must be no more than 65535");
                },
                config -> {
                    starts.incrementAndGet();
                    return new FakeService();
                },
                exits::add);

        // Then nothing started, the process exits 2, and standard error names the setting
        assertThat(exits).containsExactly(ServiceRunner.EXIT_BAD_CONFIG);
        assertThat(starts).hasValue(0);
        assertThat(hooks).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("test-service: bad configuration")
                .contains("rj.http.port");
    }

    @Test
    void shouldExitTwoWhenAClientRefusesASettingAtStart() {
        // e.g. a streams.* setting Kafka Streams checks only when the client is built
        runner.runAndExit(
                () -> "config",
                config -> {
                    throw new ConfigException("streams.num.standby.replicas", "many", "Not a number of type INT");
                },
                exits::add);

        assertThat(exits).containsExactly(ServiceRunner.EXIT_BAD_CONFIG);
    }

    @Test
    void shouldExitOneWhenTheServiceCannotBeBuilt() {
        runner.runAndExit(
                () -> "config",
                config -> {
                    throw new IllegalStateException("state directory locked by another instance");
                },
                exits::add);

        assertThat(exits).containsExactly(ServiceRunner.EXIT_FAILED);
        assertThat(hooks).isEmpty();
    }
}
