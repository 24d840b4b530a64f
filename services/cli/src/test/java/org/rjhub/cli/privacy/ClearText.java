package org.rjhub.cli.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.dlq.inspect.TopicSnapshot;
import org.rjhub.testsupport.TestStack;

/** Where a text is found in clear: in the bytes of every record of a namespace's topics, or of the files of a folder. */
final class ClearText {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private ClearText() {}

    /**
     * The topics under {@code prefix} (the services' internal topics included) with a record whose key or value holds
     * {@code text}, read as bytes, uncommitted records too.
     */
    static List<String> topicsHolding(TestStack stack, String prefix, String text) throws Exception {
        byte[] needle = bytes(text);
        List<String> found = new ArrayList<>();
        TreeSet<String> topics;
        try (var admin = KafkaClients.of(stack.connection()).admin()) {
            topics = new TreeSet<>(admin.listTopics().names().get());
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        for (String topic : topics) {
            if (!topic.startsWith(prefix)) {
                continue;
            }
            boolean hit =
                    TopicSnapshot.readAll(
                                    KafkaClients.of(stack.connection()), p, topic, new ByteArrayDeserializer(), WAIT)
                            .stream()
                            .anyMatch(r -> contains(r.key(), needle) || contains(r.value(), needle));
            if (hit) {
                found.add(topic);
            }
        }
        return found;
    }

    /** The files under {@code dir} whose bytes hold {@code text}. */
    static List<Path> filesHolding(Path dir, String text) throws IOException {
        byte[] needle = bytes(text);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return contains(Files.readAllBytes(f), needle);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    /** Whether {@code hay} holds {@code text}'s UTF-8 bytes. */
    static boolean holds(byte[] hay, String text) {
        return contains(hay, bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        if (hay == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
