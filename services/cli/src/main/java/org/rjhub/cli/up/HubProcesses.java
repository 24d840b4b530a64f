package org.rjhub.cli.up;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's services as child processes of {@code hub up}: started together, watched through {@code /health/ready},
 * never restarted behind the user's back (an ended service shows as such), all stopped together, process trees
 * included.
 */
public final class HubProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubProcesses.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Small heaps and a quick start: this is one machine running the whole hub. */
    static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final List<ServiceProcess> processes;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<HubService, ServiceState> last = new LinkedHashMap<>();

    private HubProcesses(List<ServiceProcess> processes) {
        this.processes = List.copyOf(processes);
    }

    /** Starts {@code services}, each on its usual operations port when free (else any free one), logs in {@code logs}. */
    public static HubProcesses start(List<HubService> services, ServiceEnvironment environment, Path logs) {
        Map<HubService, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s, freePort(s.defaultPort(), ports.values())));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (HubService s : services) {
                started.add(ServiceProcess.launch(
                        s, environment.of(s, ports), ports.get(s), logs.resolve(s.name() + ".log"), JVM_OPTIONS));
            }
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            throw e;
        }
        return new HubProcesses(started);
    }

    public List<ServiceProcess> processes() {
        return processes;
    }

    /** Every service's endpoints, for {@code stack.json}. */
    public Map<String, Map<String, String>> endpoints() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (ServiceProcess p : processes) {
            Map<String, String> e = new LinkedHashMap<>();
            URI base = p.base();
            e.put("health", base.resolve("/health/ready").toString());
            e.put("metrics", base.resolve("/metrics").toString());
            if (p.service().equals(HubService.CASES)) {
                e.put("api", base.toString());
            }
            if (p.service().equals(HubService.CONSOLE)) {
                e.put("url", base.toString());
            }
            all.put(p.service().name(), e);
        }
        return all;
    }

    /** The current state of each service, in start order. */
    public Map<HubService, ServiceState> states() {
        Map<HubService, ServiceState> states = new LinkedHashMap<>();
        processes.forEach(p -> states.put(p.service(), p.state(http)));
        return states;
    }

    /** The status table's rows of the services. */
    public List<StatusTable.Row> rows(Map<HubService, ServiceState> states) {
        return processes.stream()
                .map(p -> new StatusTable.Row(
                        p.service().name(),
                        p.base().toString(),
                        states.get(p.service()).text(),
                        "pid " + p.pid() + ", log " + p.log()))
                .toList();
    }

    /**
     * Waits until every service is ready, one has ended, {@code timeout} passed or {@code stopping} says so; says each
     * change of state on {@code out} as it happens.
     *
     * @return the last states seen
     */
    public Map<HubService, ServiceState> awaitReady(Duration timeout, PrintStream out, BooleanSupplier stopping)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long t0 = System.nanoTime();
        while (true) {
            Map<HubService, ServiceState> states = changes(out, t0);
            boolean allReady = states.values().stream().allMatch(ServiceState::ready);
            boolean anyExited = states.values().stream().anyMatch(ServiceState::exited);
            if (allReady || anyExited || stopping.getAsBoolean() || System.nanoTime() > deadline) {
                return states;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Polls once and prints the services whose state changed since the last poll; returns the states. */
    public Map<HubService, ServiceState> changes(PrintStream out, long t0) {
        Map<HubService, ServiceState> states = states();
        states.forEach((service, state) -> {
            if (!state.equals(last.get(service))) {
                out.printf("  %-12s %s (%.1f s)%n", service.name(), state.text(), (System.nanoTime() - t0) / 1e9);
                last.put(service, state);
            }
        });
        return states;
    }

    /** Stops every service (all at once, each given time to close cleanly) and anything they started. */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess p : processes) {
            Thread t = new Thread(p::close, "stop-" + p.service().name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Hub services stopped");
    }

    /** {@code preferred} when it is free on loopback and not taken already, else a port the system picks. */
    static int freePort(int preferred, java.util.Collection<Integer> taken) {
        if (!taken.contains(preferred) && bindable(preferred)) {
            return preferred;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port on loopback", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
