package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, for stacks that must not collide with each other. */
final class Ports {

    private Ports() {}

    /** {@code wanted} when positive, otherwise a port the OS reports free now. */
    static int pick(int wanted) {
        if (wanted > 0) {
            return wanted;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
