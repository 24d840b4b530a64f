package org.rjhub.cli.up;

/**
 * A service's state as {@code hub up} shows it.
 *
 * @param text     what the status table says
 * @param ready    whether {@code /health/ready} answered 200
 * @param exitCode the process's exit status once it ended, else -1
 */
public record ServiceState(String text, boolean ready, int exitCode) {

    public static final ServiceState STARTING = new ServiceState("starting", false, -1);
    public static final ServiceState NOT_READY = new ServiceState("not ready", false, -1);
    public static final ServiceState READY = new ServiceState("ready", true, -1);

    /** The process ended with {@code code}; {@code hub up} does not restart it. */
    public static ServiceState exited(int code) {
        return new ServiceState("EXITED (status " + code + "), not restarted", false, code);
    }

    public boolean exited() {
        return exitCode >= 0;
    }
}
