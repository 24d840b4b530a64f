package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void shouldWaitOnSigtermForAStopTheRunHasBegunInsteadOfLettingTheJvmEndHalfWay() throws Exception {
        RunCleanup cleanup = new RunCleanup(hooks);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunCleanup.Started<String> stack = cleanup.start(() -> "stack", s -> {
            stopping.countDown();
            awaitQuietly(release); // the broker is stopped, the registry not yet
            closed.add(s);
        });
        Thread run = new Thread(stack::close);
        run.start();
        stopping.await();

        Thread hook = new Thread(hooks::sigterm);
        hook.start();
        while (hook.getState() != Thread.State.BLOCKED && hook.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }

        Thread.State hookWhileTheRunStops = hook.getState();
        release.countDown();
        hook.join();
        run.join();

        assertThat(hookWhileTheRunStops).isEqualTo(Thread.State.BLOCKED); // not ended: the JVM would halt there
        assertThat(closed).containsExactly("stack");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until {@code thread} waits (for the start under way), without a timer: it cannot get further. */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}
