package org.rjhub.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's services, started side by side (on 2 cores one service's start-up waits on the broker while another's
 * computes) and closed side by side (each close waits for its stream threads' last transaction and its group leave).
 */
final class StartedTogether implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedTogether.class);

    private final List<AutoCloseable> parts;

    private StartedTogether(List<AutoCloseable> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Runs every start at once and waits for all; when one fails, the others that started are closed and the first
     * failure is thrown.
     */
    static StartedTogether start(List<Supplier<? extends AutoCloseable>> starts) {
        ExecutorService threads = Executors.newFixedThreadPool(starts.size(), r -> {
            Thread t = new Thread(r, "demo-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<? extends AutoCloseable>> starting = new ArrayList<>();
            starts.forEach(s -> starting.add(CompletableFuture.supplyAsync(s, threads)));
            List<AutoCloseable> started = new ArrayList<>();
            RuntimeException failure = null;
            for (CompletableFuture<? extends AutoCloseable> f : starting) {
                try {
                    started.add(f.join());
                } catch (CompletionException e) {
                    failure = failure != null
                            ? failure
                            : e.getCause() instanceof RuntimeException cause
                                    ? cause
                                    : new IllegalStateException("a demo service did not start", e.getCause());
                }
            }
            if (failure != null) {
                new StartedTogether(started).close();
                throw failure;
            }
            return new StartedTogether(started);
        } finally {
            threads.shutdown();
        }
    }

    /** The part the {@code index}th start made. */
    <T> T get(int index, Class<T> type) {
        return type.cast(parts.get(index));
    }

    /** Closes every part at once, each in a thread of its own, and waits for all. */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (AutoCloseable part : parts) {
            Thread t = new Thread(() -> closeQuietly(part), "demo-close");
            t.start();
            closing.add(t);
        }
        boolean interrupted = false;
        for (Thread t : closing) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", part.getClass().getSimpleName(), e);
        }
    }
}
