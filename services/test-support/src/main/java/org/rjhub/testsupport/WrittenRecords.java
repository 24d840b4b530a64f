package org.rjhub.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;

/** What a topology under {@link TopologyTestDriver} wrote, as text: for tests that look for a datum in every byte. */
public final class WrittenRecords {

    private WrittenRecords() {}

    /**
     * The topic, key and value of every record the topology wrote (outputs, repartition topics, changelogs), each
     * record read once: the driver's output topics are drained.
     */
    public static List<String> asText(TopologyTestDriver driver) {
        List<String> all = new ArrayList<>();
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(
                            topic,
                            Serdes.ByteArray().deserializer(),
                            Serdes.ByteArray().deserializer())
                    .readRecordsToList()
                    .forEach(r -> all.add(topic + " " + text(r.key()) + " " + text(r.value())));
        }
        return all;
    }

    /** Bytes as text, one character per byte (ISO-8859-1), so that any ASCII datum in them is found; null as "". */
    public static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
