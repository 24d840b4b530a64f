package org.rjhub.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a bench run has started that must not outlive it: the local stack (its broker and registry are child
 * processes, which keep running when the bench's JVM ends), the router's state folder, the router and the
 * exactly-once baseline (clients in this JVM, closed before the stack so that they stop cleanly).
 *
 * <p>The run closes each when it is done with it ({@link Started#close()}, in a try-with-resources). When the JVM is
 * told to stop first (SIGTERM: {@code kill}, a CI timeout, an orchestrator; Ctrl-C reaches the child processes
 * anyway, being sent to the whole process group) the shutdown hook closes whatever is still open, the last started
 * first. Each is closed once, by whichever comes first, the other waiting until it is done. A start under way when
 * the hook runs is waited for (the stack's start gives up after two minutes), and what it started is closed at once.
 */
final class RunCleanup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);
    /** Longer than the stack's own start-up timeout (two minutes), so a start under way ends first. */
    private static final Duration START_WAIT = Duration.ofSeconds(150);

    /** Where the cleanup's shutdown hook goes: the JVM's, or a test's. */
    interface ShutdownHooks {
        void add(Thread hook);

        /** @throws IllegalStateException when the JVM is already shutting down (the hook is running) */
        void remove(Thread hook);
    }

    private final ShutdownHooks hooks;
    private final Thread hook = new Thread(this::closeAll, "rj-bench-cleanup");
    private final Deque<Started<?>> open = new ArrayDeque<>();
    private int starting;
    private boolean stopping;

    /** A cleanup with its shutdown hook armed; {@link #close()} disarms it. */
    RunCleanup(ShutdownHooks hooks) {
        this.hooks = hooks;
        hooks.add(hook);
    }

    /** The cleanup of a run in this JVM, its hook among the JVM's shutdown hooks. */
    static RunCleanup forProcess() {
        Runtime runtime = Runtime.getRuntime();
        return new RunCleanup(new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                runtime.addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                runtime.removeShutdownHook(hook);
            }
        });
    }

    /**
     * Starts something the run must stop, and holds it until it is closed.
     *
     * @param start starts it
     * @param close stops it (no exception expected: one is logged when the hook closes it)
     * @throws CancellationException when the JVM is stopping: nothing was started, or it was closed at once
     */
    <T> Started<T> start(Supplier<T> start, Consumer<? super T> close) {
        synchronized (this) {
            if (stopping) {
                throw stoppingException();
            }
            starting++;
        }
        try {
            Started<T> started = new Started<>(start.get(), close);
            synchronized (this) {
                if (!stopping) {
                    open.push(started);
                    return started;
                }
            }
            started.close(); // the hook ran during the start and is waiting for it
            throw stoppingException();
        } finally {
            synchronized (this) {
                starting--;
                notifyAll();
            }
        }
    }

    private static CancellationException stoppingException() {
        return new CancellationException("the bench is stopping (shutdown requested)");
    }

    /**
     * What the shutdown hook runs: waits for a start under way, then closes whatever is still open, the last started
     * first; a failure to close one is logged and the others are closed all the same.
     */
    private void closeAll() {
        synchronized (this) {
            stopping = true;
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            try {
                while (starting > 0 && System.nanoTime() < deadline) {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Started<?> next;
        while ((next = nextOpen()) != null) {
            try {
                next.close();
            } catch (RuntimeException e) {
                LOG.warn(
                        "Closing what the bench started failed ({}); going on",
                        e.getClass().getName(),
                        e);
            }
        }
    }

    /** Whether the JVM is stopping (the hook has run or is running): what the run waits on may be closed under it. */
    synchronized boolean stopping() {
        return stopping;
    }

    private synchronized Started<?> nextOpen() {
        return open.peek();
    }

    private synchronized void forget(Started<?> started) {
        open.remove(started);
    }

    /**
     * The end of the run: disarms the hook and closes whatever is still open. When the JVM is already stopping, the
     * hook is doing that; this leaves it to the hook.
     */
    @Override
    public void close() {
        try {
            hooks.remove(hook);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        closeAll();
    }

    /** Something the run started: closed once, by the run or by the shutdown hook, whichever comes first. */
    final class Started<T> implements AutoCloseable {

        private final T resource;
        private final Consumer<? super T> close;
        private boolean closed;

        private Started(T resource, Consumer<? super T> close) {
            this.resource = resource;
            this.close = close;
        }

        T get() {
            return resource;
        }

        /**
         * Closes it unless already closed; a close under way on another thread is waited for. It stays among the
         * open ones until its close has returned, so that the hook, seeing it there, waits for the run's close of it
         * instead of letting the JVM end half-way through (e.g. the broker stopped, the registry not yet).
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                close.accept(resource);
            } finally {
                forget(this);
            }
        }
    }
}
