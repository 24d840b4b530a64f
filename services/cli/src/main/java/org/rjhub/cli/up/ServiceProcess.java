package org.rjhub.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One hub service running as a child process: {@code java} with this program's classpath and the service's main
 * class, its output in its own log file, its readiness read from {@code /health/ready}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HubService service;
    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(HubService service, Process process, URI base, Path log) {
        this.service = service;
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts {@code service} with {@code environment} added to this process's own, its operations port at {@code
     * port} on loopback, stdout and stderr into {@code log} (replaced).
     */
    public static ServiceProcess launch(
            HubService service, Map<String, String> environment, int port, Path log, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(service.main().getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put(service.portVariable(), Integer.toString(port));
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(service, builder.start(), URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service + ": " + e.getMessage(), e);
        }
    }

    public HubService service() {
        return service;
    }

    /** The operations port's base URL, e.g. {@code http://127.0.0.1:8081}. */
    public URI base() {
        return base;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** What the service is doing now: exited (with its status), ready, or not (yet) ready. */
    public ServiceState state(HttpClient http) {
        if (!process.isAlive()) {
            return ServiceState.exited(process.exitValue());
        }
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(base.resolve("/health/ready"))
                            .timeout(PROBE_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200 ? ServiceState.READY : ServiceState.NOT_READY;
        } catch (IOException e) {
            return ServiceState.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceState.STARTING;
        }
    }

    /**
     * Stops the service and everything it started: SIGTERM (the services close cleanly on it), then SIGKILL for
     * whatever is left after {@code grace}.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
