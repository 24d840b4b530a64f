package org.rjhub.reporting.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rjhub.reporting.store.FactStoreTest.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.CaseFact;

/** A database server that goes away: the store fails as retriable, and applies once reconnected (H2's TCP server). */
class FactStoreReconnectTest {

    private static final String TOPIC = "rj.reporting.case-facts.v1";
    private static final String GROUP = "test-group";

    @Test
    void shouldFailRetriablyWhileTheServerIsAwayAndApplyOnceReconnected() throws Exception {
        // Given a store on a database server that then stops
        Path dir = Files.createTempDirectory("fact-store");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String[] args = {"-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists"};
        Server server = Server.createTcpServer(args).start();
        try (FactStore remote = FactStore.open("jdbc:h2:tcp://127.0.0.1:" + port + "/remote", "sa", "")) {
            remote.apply(GROUP, List.of(record(0, 0, "r-1", 1)));
            server.stop();

            // When it reconnects in vain and is asked to apply
            assertThat(remote.isValid()).isFalse();
            assertThatThrownBy(remote::reconnect).isInstanceOf(SQLException.class);
            List<ConsumerRecord<String, CaseFact>> batch = List.of(record(0, 1, "r-2", 1));
            SQLException away = catchThrowableOfType(SQLException.class, () -> remote.apply(GROUP, batch));

            // Then it failed, as one to retry, and once the server is back the batch applies after a reconnect
            assertThat((Throwable) away).isNotNull();
            assertThat(ReportingConsumer.retriable(away)).isTrue();
            server = Server.createTcpServer(args).start();
            remote.reconnect();
            assertThat(remote.apply(GROUP, batch)).isEqualTo(1);
            assertThat(remote.positions(GROUP, List.of(new TopicPartition(TOPIC, 0))))
                    .containsEntry(new TopicPartition(TOPIC, 0), 2L);
        } finally {
            server.stop();
        }
    }
}
