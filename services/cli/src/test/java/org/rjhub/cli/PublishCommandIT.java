package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/** {@code hub publish}: a good file lands whole; a bad one is explained and lands not at all. */
@ExtendWith(KafkaStackExtension.class)
class PublishCommandIT {

    @Test
    void shouldPublishNothingFromAFileWithOneBadRecordAndNameTheRecordAndField(TestStack stack, @TempDir Path dir)
            throws Exception {
        // Given a police file whose second record has an impossible date of birth
        String good = new String(
                getClass().getResourceAsStream("/samples/police.json").readAllBytes());
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(good);
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        node.path("referrals").get(1).path("victims").get(0))
                .put("dateOfBirth", "31/02/1990");
        Path file = dir.resolve("police.json");
        Files.writeString(file, node.toString());

        // When it is published
        StringWriter err = new StringWriter();
        int exit = withStack(
                stack,
                "police",
                () -> Hub.commandLine()
                        .setErr(new PrintWriter(err, true))
                        .execute("publish", "--agency", "police", file.toString()));

        // Then the exit code is 2, the message names the record and the field, and nothing reached the topic
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("record 1").contains("victims[0].dateOfBirth");
        try (TopicReader reader = new TopicReader(stack.connection(), List.of("police.referrals.v1"))) {
            assertThat(reader.readUntil(r -> false, Duration.ofSeconds(3))).isEmpty();
        }
    }

    @Test
    void shouldPublishAGoodFileInOneTransaction(TestStack stack, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("victimsupport.json");
        Files.write(
                file,
                getClass().getResourceAsStream("/samples/victimsupport.json").readAllBytes());
        int exit = withStack(
                stack,
                "victimsupport",
                () -> Hub.commandLine().execute("publish", "--agency", "victimsupport", file.toString()));
        assertThat(exit).isZero();
        try (TopicReader reader = new TopicReader(stack.connection(), List.of("victimsupport.referrals.v1"))) {
            assertThat(reader.readUntil(r -> r.size() >= 3, Duration.ofSeconds(30)))
                    .hasSize(3);
        }
    }

    /** The CLI finds the stack, as {@code principal}, through the system properties a test can set. */
    private static int withStack(TestStack stack, String principal, java.util.function.IntSupplier run) {
        org.rjhub.stack.LocalStack.provision(stack.connection(), java.util.function.UnaryOperator.identity());
        return CliOnStack.run(stack, principal, run::getAsInt);
    }
}
