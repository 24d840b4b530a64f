package org.rjhub.lagmonitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.status.Evidence;
import org.rjhub.lagmonitor.status.WindowEntry;
import org.rjhub.lagmonitor.timelag.TimeLag;

/**
 * The JSON view of a snapshot, served on {@code /lag} and printed by {@code hub lag --json}: every group with its
 * status, every partition with offsets, lags, status, reason and evidence. Times are ISO-8601 strings; an unknown lag
 * in seconds is {@code null}.
 */
public final class LagJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LagJson() {}

    public static ObjectNode tree(LagSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("takenAt", snapshot.takenAt().toString());
        ArrayNode groups = root.putArray("groups");
        for (GroupLag g : snapshot.groups()) {
            ObjectNode group = groups.addObject();
            group.put("group", g.group());
            group.put("state", g.state());
            group.put("status", g.status().name());
            group.put("totalLag", g.totalLag());
            ArrayNode partitions = group.putArray("partitions");
            for (PartitionLag p : g.partitions()) {
                partitions.add(partition(p));
            }
        }
        ArrayNode business = root.putArray("businessLag");
        for (BusinessLag b : snapshot.businessLag()) {
            business.addObject()
                    .put("measure", b.measure())
                    .put("queue", b.queue())
                    .put("ageSeconds", b.age().toMillis() / 1000.0);
        }
        return root;
    }

    /** Compact JSON on one line (one document per line in watch mode). */
    public static String render(LagSnapshot snapshot) {
        return write(MAPPER.writer(), snapshot);
    }

    public static String renderPretty(LagSnapshot snapshot) {
        return write(MAPPER.writer(SerializationFeature.INDENT_OUTPUT), snapshot);
    }

    private static ObjectNode partition(PartitionLag p) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("topic", p.topic());
        node.put("partition", p.partition());
        node.put("committedOffset", p.committedOffset());
        node.put("logEndOffset", p.logEndOffset());
        node.put("lag", p.lag());
        TimeLag t = p.timeLag();
        if (t.known()) {
            node.put("lagSeconds", t.seconds());
        } else {
            node.putNull("lagSeconds");
        }
        node.put("lagSecondsMethod", t.method().name());
        node.put("status", p.status().name());
        node.put("reason", p.verdict().reason());
        Evidence e = p.verdict().evidence();
        ObjectNode evidence = node.putObject("evidence");
        evidence.put("evaluatedAt", e.evaluatedAt().toString());
        evidence.put("currentLag", e.currentLag());
        evidence.put("complete", e.complete());
        ArrayNode window = evidence.putArray("window");
        for (WindowEntry w : e.window()) {
            ObjectNode entry = window.addObject();
            entry.put("offset", w.offset());
            entry.put("timestamp", w.timestamp().toString());
            if (w.lag().isPresent()) {
                entry.put("lag", w.lag().getAsLong());
            } else {
                entry.putNull("lag");
            }
        }
        ArrayNode ends = evidence.putArray("recentLogEndOffsets");
        e.recentLogEndOffsets().forEach(ends::add);
        return node;
    }

    private static String write(ObjectWriter writer, LagSnapshot snapshot) {
        try {
            return writer.writeValueAsString(tree(snapshot));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
