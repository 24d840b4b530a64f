package org.rjhub.common.topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The size limits of a topic's records, declared in the catalogue beside the topic ({@code limits:}) and part of
 * its contract: a record over any of them is refused with a reason naming the limit (never retried), and the hub
 * sizes everything it writes from accepted records to stay under the broker's maximum.
 *
 * @param maxRecordBytes most bytes in a record's value, in the wire format (framing included)
 * @param maxKeyBytes    most bytes in a record's key (UTF-8)
 * @param maxTextBytes   most bytes (UTF-8) in any one text field of the value
 * @param maxListItems   most items in any one list (array or map) of the value
 */
public record TopicLimits(int maxRecordBytes, int maxKeyBytes, int maxTextBytes, int maxListItems) {

    /**
     * The most a record may hold on any topic: the broker's default {@code message.max.bytes} (1 MiB plus
     * batch overhead), which neither the agencies' records nor anything the hub derives from them may reach.
     */
    public static final int BROKER_MAX_RECORD_BYTES = 1_048_576;

    public TopicLimits {
        if (maxRecordBytes < 64 || maxRecordBytes > BROKER_MAX_RECORD_BYTES / 2) {
            throw new IllegalArgumentException("maxRecordBytes must be between 64 and half the broker's maximum ("
                    + BROKER_MAX_RECORD_BYTES / 2 + "), leaving room for what the hub derives from a record; was "
                    + maxRecordBytes);
        }
        if (maxKeyBytes < 1 || maxTextBytes < 1 || maxListItems < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxKeyBytes > maxRecordBytes || maxTextBytes > maxRecordBytes) {
            throw new IllegalArgumentException("a key or text limit cannot exceed maxRecordBytes");
        }
    }

    static TopicLimits parse(String topic, JsonNode node) {
        try {
            return new TopicLimits(
                    required(node, "maxRecordBytes"),
                    required(node, "maxKeyBytes"),
                    required(node, "maxTextBytes"),
                    required(node, "maxListItems"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static int required(JsonNode node, String field) {
        if (!node.path(field).canConvertToInt()) {
            throw new IllegalArgumentException("limits." + field + " is missing or not a number");
        }
        return node.path(field).asInt();
    }

    /** One line for the topic catalogue, e.g. {@code value ≤ 65536 B, key ≤ 64 B, text ≤ 2048 B, lists ≤ 25}. */
    public String describe() {
        return "value ≤ " + maxRecordBytes + " B, key ≤ " + maxKeyBytes + " B, text ≤ " + maxTextBytes + " B, lists ≤ "
                + maxListItems;
    }
}
