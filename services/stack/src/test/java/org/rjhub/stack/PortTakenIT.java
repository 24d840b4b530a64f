package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A broker or a registry whose port another process holds fails its start as {@link PortTakenException} (what the
 * stack retries on newly picked ports when it picked them itself), not as an unexplained exit; on a port the user
 * chose it is not retried.
 */
class PortTakenIT {

    @Test
    void shouldTellAPortTakenByAnotherProcessFromABrokerFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackOptions onTakenPort = new StackOptions(taken.getLocalPort(), 0, "256m", "256m", false, false);

            assertThatThrownBy(() -> LocalStack.start(StackLayout.discover(), onTakenPort))
                    .isInstanceOf(PortTakenException.class)
                    .hasMessageContaining("Kafka broker could not bind the port picked for it");
        }
    }

    @Test
    void shouldTellARegistryPortTakenByAnotherProcessFromARegistryFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackOptions onTakenPort = new StackOptions(0, taken.getLocalPort(), "256m", "256m", false, false);

            assertThatThrownBy(() -> LocalStack.start(StackLayout.discover(), onTakenPort))
                    .isInstanceOf(PortTakenException.class)
                    .hasMessageContaining("Apicurio Registry could not bind the port picked for it");
        }
    }
}
