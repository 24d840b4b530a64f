package org.rjhub.dlq.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Optional;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.DeadLetterAction;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.records.AgencyRecords;

/** {@code hub dlq show}: one dead letter in full, its record as the agency's JSON, personal data masked unless asked. */
public final class DeadLetterView {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int HEX_ROW = 16;

    private DeadLetterView() {}

    /**
     * @param entry    the dead letter
     * @param agency   the agency whose topic it came from, if any
     * @param decoded  its original value, read with the registry
     * @param audit    its audit records (replays and unmasked views), oldest first
     * @param unmasked show personal data (names, dates of birth, addresses, contact details) as they are
     */
    public static String render(
            DeadLetterEntry entry,
            Optional<Agency> agency,
            AgencyRecords.Decoded decoded,
            List<DeadLetterReplay> audit,
            boolean unmasked) {
        var l = entry.letter();
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        line(out, "dead letter", entry.id() + " on " + entry.topic());
        line(out, "failed at", DeadLetterTable.time(l.getFailedAt()));
        line(out, "rule", l.getRule());
        line(out, "reason", l.getReason());
        line(out, "source", l.getSourceTopic() + " partition " + l.getPartition() + " offset " + l.getOffset());
        line(out, "agency", l.getAgency() == null ? "-" : l.getAgency().name());
        line(out, "referral id", entry.referralId().orElse("-"));
        line(out, "exception", l.getExceptionClass() == null ? "-" : l.getExceptionClass());
        if (audit.stream().noneMatch(r -> r.getAction() == DeadLetterAction.REPLAYED)) {
            line(out, "replayed", "no");
        }
        for (DeadLetterReplay r : audit) {
            if (r.getAction() == DeadLetterAction.VIEWED_UNMASKED) {
                line(out, "unmasked", r.getReplayedAt() + " by " + r.getOperator());
                continue;
            }
            line(
                    out,
                    "replayed",
                    r.getReplayedAt() + " by " + r.getOperator() + " to " + r.getTargetTopic() + " "
                            + r.getTargetPartition() + ":" + r.getTargetOffset()
                            + (r.getEdited() ? ", edited" : ", as it was")
                            + (r.getForced() ? ", forced" : ""));
        }
        int size = entry.originalValue().map(b -> b.length).orElse(0);
        if (decoded instanceof AgencyRecords.Readable readable) {
            line(
                    out,
                    "value",
                    size + " bytes, schema id " + readable.schemaId()
                            + (unmasked ? ", personal data shown" : ", personal data masked (--unmasked shows it)"));
            out.append(json(agency, readable, unmasked)).append(nl);
        } else if (decoded instanceof AgencyRecords.Unreadable unreadable) {
            line(out, "value", size + " bytes, " + unreadable.why());
            if (unmasked) {
                entry.originalValue().ifPresent(bytes -> out.append(hex(bytes)));
            } else if (size > 0) {
                out.append("(the bytes may hold personal data: --unmasked shows them)")
                        .append(nl);
            }
        }
        return out.toString();
    }

    private static String json(Optional<Agency> agency, AgencyRecords.Readable readable, boolean unmasked) {
        try {
            JsonNode node = agency.isPresent()
                    ? AgencyRecords.toJson(agency.get(), readable.record())
                    : JSON.readTree(readable.record().toString());
            return JSON.writeValueAsString(
                    unmasked ? node : Masking.mask(node, readable.record().getSchema()));
        } catch (JsonProcessingException e) {
            return "(the record cannot be shown as JSON: " + e.getOriginalMessage() + ")";
        }
    }

    /** A hex dump: offset, 16 bytes in hex, the printable ASCII of them. */
    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < bytes.length; row += HEX_ROW) {
            out.append(String.format("%08x ", row));
            StringBuilder text = new StringBuilder();
            for (int i = row; i < row + HEX_ROW; i++) {
                if (i < bytes.length) {
                    out.append(String.format(" %02x", bytes[i]));
                    char c = (char) (bytes[i] & 0xff);
                    text.append(c >= 0x20 && c < 0x7f ? c : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append("  |").append(text).append('|').append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-12s %s", label, value)).append(System.lineSeparator());
    }
}
