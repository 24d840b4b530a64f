package org.rjhub.common.progress;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a long-running command ({@code hub bench}, {@code hub link}, {@code hub dlq replay}, {@code hub
 * topics apply}), on standard error so that standard output stays the command's result: a bar with the rate and the
 * time left on a terminal, a plain line every few seconds otherwise (a log file, a pipe, CI).
 */
public final class Progress implements AutoCloseable {

    /** How often a line is written when the output is not a terminal. */
    static final int PLAIN_EVERY_MS = 5_000;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param task  what is being done, e.g. {@code "Replaying"}
     * @param total how many steps in all, or -1 when not known
     */
    public static Progress start(String task, long total) {
        return start(task, total, System.err, System.console() != null);
    }

    /** As {@link #start(String, long)}, writing to {@code out}, as a bar when {@code terminal}. */
    public static Progress start(String task, long total, PrintStream out, boolean terminal) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS);
        if (terminal) {
            builder.setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out));
        } else {
            builder.setUpdateIntervalMillis(PLAIN_EVERY_MS)
                    .setConsumer(new DelegatingProgressBarConsumer(out::println, 100));
        }
        return new Progress(builder.build());
    }

    /** How many steps in all, once known. */
    public void total(long steps) {
        bar.maxHint(steps);
    }

    /** {@code n} more steps done. */
    public void step(long n) {
        bar.stepBy(n);
    }

    public void step() {
        bar.step();
    }

    /** Steps done so far. */
    public long done() {
        return bar.getCurrent();
    }

    /** A word on what is being done now, shown beside the figures. */
    public void say(String message) {
        bar.setExtraMessage(message);
    }

    /** Writes the final state and stops. */
    @Override
    public void close() {
        bar.close();
    }
}
