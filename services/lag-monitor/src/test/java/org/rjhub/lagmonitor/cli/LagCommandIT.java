package org.rjhub.lagmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.KafkaFixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.lagmonitor.KafkaFixtures;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;
import picocli.CommandLine;

/** {@code hub lag} once, as operations run it, against the real broker. */
@ExtendWith(KafkaStackExtension.class)
class LagCommandIT {

    @Test
    void shouldPrintTheGroupsLagAsATableAndAsJson(TestStack stack) throws Exception {
        // Given a group 3 records behind
        String topic = unique("cli");
        String group = unique("cli-group");
        TopicPartition tp = new TopicPartition(topic, 0);
        // the lag monitor takes no client config yet: a plaintext broker of the test's own beside the secured stack
        try (org.rjhub.testsupport.OwnBroker own = stack.startOwnBroker();
                KafkaFixtures kafka = new KafkaFixtures(own.stack().connection().bootstrapServers());
                KafkaConsumer<String, String> consumer = kafka.consumer(group)) {
            kafka.createTopic(topic, 1);
            kafka.produce(tp, 8);
            KafkaFixtures.commit(consumer, tp, 5);

            // When `hub lag` runs once for that group, as a table and as JSON
            String table = run("--bootstrap-servers", kafka.bootstrapServers(), "--group", Pattern.quote(group));
            String json =
                    run("--bootstrap-servers", kafka.bootstrapServers(), "--group", Pattern.quote(group), "--json");

            // Then
            assertThat(table.lines().findFirst())
                    .hasValueSatisfying(header -> assertThat(header.split("\\s+"))
                            .containsExactly(
                                    "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "LAG_S", "STATUS"));
            assertThat(table.lines().filter(l -> l.startsWith(group)).findFirst())
                    .hasValueSatisfying(
                            row -> assertThat(row.split("\\s+")).startsWith(group, topic, "0", "5", "8", "3"));
            JsonNode g = new ObjectMapper().readTree(json).path("groups").get(0);
            assertThat(g.path("group").asText()).isEqualTo(group);
            assertThat(g.path("totalLag").asLong()).isEqualTo(3);
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LagCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
