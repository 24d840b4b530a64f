package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child JVM of the stack, its output in a log file, stopped gently then forcibly. */
final class ManagedProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Path log) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LOG.debug("Started {} as pid {}", name, p.pid());
            return new ManagedProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a command to completion, failing with its log when it exits non-zero. */
    static void run(String name, List<String> command, Path workDir, Path log, long timeoutSeconds) {
        try (ManagedProcess p = start(name, command, workDir, log)) {
            if (!p.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
            if (p.process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " failed with exit code " + p.process.exitValue() + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Empty while it runs; otherwise which process exited, with its pid, exit code and log. */
    Optional<String> exit() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        return Optional.of(
                name + " (pid " + process.pid() + ") exited with code " + process.exitValue() + "; its log: " + log);
    }

    /** Resident memory of the process in MiB, read from /proc where there is one; -1 elsewhere. */
    long residentMib() {
        try {
            for (String line :
                    java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No resident size for {}", name, e);
        }
        return -1;
    }

    /** Kills the process at once (SIGKILL) and waits until it is gone. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop in 20 s, killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
