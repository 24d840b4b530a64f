package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class RunCleanupTest {

    /** The hooks a cleanup registers, instead of the JVM's. */
    private static final class Hooks implements RunCleanup.ShutdownHooks {
        final List<Thread> armed = new ArrayList<>();
        boolean shuttingDown;

        @Override
        public void add(Thread hook) {
            armed.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            if (shuttingDown) {
                throw new IllegalStateException("Shutdown in progress");
            }
            armed.remove(hook);
        }

        /** What the JVM does on SIGTERM: runs each armed hook. */
        void sigterm() {
            shuttingDown = true;
            armed.forEach(Thread::run);
        }
    }

    private final Hooks hooks = new Hooks();
    private final List<String> closed = new ArrayList<>();

    @Test
    void shouldCloseWhatIsStillOpenOnSigtermTheLastStartedFirst() {
        RunCleanup cleanup = new RunCleanup(hooks);
        cleanup.start(() -> "stack", closed::add);
        cleanup.start(() -> "state folder", closed::add);
        cleanup.start(() -> "router", closed::add);

        hooks.sigterm();

        assertThat(closed).containsExactly("router", "state folder", "stack");
    }

    @Test
    void shouldNotCloseAgainOnSigtermWhatTheRunClosedItself() {
        RunCleanup cleanup = new RunCleanup(hooks);
        cleanup.start(() -> "stack", closed::add);
        try (RunCleanup.Started<String> router = cleanup.start(() -> "router", closed::add)) {
            assertThat(router.get()).isEqualTo("router");
        }

        hooks.sigterm();

        assertThat(closed).containsExactly("router", "stack");
    }

    @Test
    void shouldCloseTheOthersWhenOneFailsToClose() {
        RunCleanup cleanup = new RunCleanup(hooks);
        cleanup.start(() -> "stack", closed::add);
        cleanup.start(() -> "router", router -> {
            throw new IllegalStateException("cannot close " + router);
        });

        hooks.sigterm();

        assertThat(closed).containsExactly("stack");
    }

    @Test
    void shouldDisarmTheHookAtTheEndOfARunAndCloseEachOnce() {
        RunCleanup cleanup = new RunCleanup(hooks);
        RunCleanup.Started<String> stack = cleanup.start(() -> "stack", closed::add);
        cleanup.start(() -> "router", closed::add);

        cleanup.close();
        stack.close();

        assertThat(hooks.armed).isEmpty();
        assertThat(closed).containsExactly("router", "stack");
    }

    @Test
    void shouldLeaveTheClosingToTheHookWhenTheRunEndsDuringShutdown() {
        RunCleanup cleanup = new RunCleanup(hooks);
        cleanup.start(() -> "stack", closed::add);
        hooks.shuttingDown = true;

        cleanup.close();

        assertThat(closed).isEmpty();
        assertThat(hooks.armed).hasSize(1);
    }

    @Test
    void shouldCloseAtOnceWhatAStartUnderWayOnSigtermStarted() {
        RunCleanup cleanup = new RunCleanup(hooks);

        // the stack's start returns once the hook has run: the hook waits for it, then the stack is closed at once
        assertThatThrownBy(() -> cleanup.start(
                        () -> {
                            Thread hook = new Thread(hooks::sigterm);
                            hook.start();
                            awaitWaiting(hook);
                            return "stack";
                        },
                        closed::add))
                .isInstanceOf(CancellationException.class);

        assertThat(closed).containsExactly("stack");
        assertThatThrownBy(() -> cleanup.start(() -> "router", closed::add)).isInstanceOf(CancellationException.class);
        assertThat(closed).containsExactly("stack");
    }

    /** Until {@code thread} waits (for the start under way), without a timer: it cannot get further. */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}
