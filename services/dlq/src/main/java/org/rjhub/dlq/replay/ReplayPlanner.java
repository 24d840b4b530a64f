package org.rjhub.dlq.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.records.AgencyRecords;

/**
 * Decides, for each dead letter an operator selected, whether it is replayed (as it was, or edited) or
 * refused, and why. Pure: the audit history and the edits come in, the plan goes out.
 *
 * <ul>
 *   <li>A dead letter already replayed is refused unless forced.</li>
 *   <li>Without edits, a dead letter whose value could not be read ({@link #UNREADABLE_RULES}), that holds
 *       no value, or only an excerpt of an oversized one, is refused: only a corrected record can be sent for it.</li>
 *   <li>With edits, a dead letter gets the record with its referral id; with one dead letter and one record,
 *       that record, whose id must be the dead letter's (a replay keeps the key). A dead letter without a
 *       matching record is skipped, so a bulk replay with a file of fixes sends only the fixed ones.</li>
 * </ul>
 */
public final class ReplayPlanner {

    /** The rule of records the router could not deserialize. */
    public static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";
    /**
     * The rules of records whose bytes the router could not read as a referral of the topic (framing, schema id,
     * schema, body cut short or followed by bytes): sent again as they are, they would be refused again.
     */
    static final java.util.Set<String> UNREADABLE_RULES = java.util.Set.of(
            UNREADABLE_RECORD,
            "NOT_WIRE_FORMAT",
            "UNKNOWN_SCHEMA_ID",
            "WRONG_SCHEMA",
            "TRUNCATED_RECORD",
            "TRAILING_BYTES");

    private ReplayPlanner() {}

    /** Why a dead letter is not replayed. */
    public enum Refusal {
        /** The audit shows it replayed before, and the operator did not force another. */
        ALREADY_REPLAYED,
        /** Its value cannot be sent as it is: only an edited record can. */
        NEEDS_EDIT,
        /** The edits hold no record for it. */
        NO_EDIT_FOR_IT,
        /** The edits hold a record for it that cannot be used (other agency, other id, several). */
        EDIT_DOES_NOT_FIT
    }

    /** One decision. */
    public sealed interface Step permits Replay, Refused {
        DeadLetterEntry entry();
    }

    /**
     * Send this dead letter back to its source topic.
     *
     * @param entry  the dead letter
     * @param edited the corrected record to send instead of the original bytes, if any
     * @param forced whether it had been replayed before
     */
    public record Replay(DeadLetterEntry entry, Optional<SpecificRecord> edited, boolean forced) implements Step {}

    /**
     * Do not send this dead letter.
     *
     * @param entry  the dead letter
     * @param reason why, as a kind
     * @param detail why, for the operator, with what to do instead
     */
    public record Refused(DeadLetterEntry entry, Refusal reason, String detail) implements Step {}

    /**
     * The decisions, in the order of the selection.
     *
     * @param steps      one per dead letter selected
     * @param unusedEdits referral ids of edited records no dead letter took
     */
    public record Plan(List<Step> steps, List<String> unusedEdits) {

        public List<Replay> replays() {
            return steps.stream()
                    .filter(Replay.class::isInstance)
                    .map(Replay.class::cast)
                    .toList();
        }

        public List<Refused> refusals() {
            return steps.stream()
                    .filter(Refused.class::isInstance)
                    .map(Refused.class::cast)
                    .toList();
        }
    }

    /**
     * @param selected the dead letters to replay, in order
     * @param history  the replays on record
     * @param force    replay even those replayed before
     * @param edits    corrected records, if the operator gave any
     * @param naming   topic naming (prefix), to recognise an agency's topic
     */
    public static Plan plan(
            List<DeadLetterEntry> selected,
            ReplayHistory history,
            boolean force,
            Optional<Edits> edits,
            UnaryOperator<String> naming) {
        List<Step> steps = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        boolean oneForOne =
                selected.size() == 1 && edits.map(e -> e.records().size() == 1).orElse(false);
        for (DeadLetterEntry entry : selected) {
            Step step = decide(entry, history, force, edits, oneForOne, naming);
            if (step instanceof Replay r && r.edited().isPresent()) {
                used.add(AgencyRecords.idOf(
                        edits.orElseThrow().agency(), r.edited().get()));
            }
            steps.add(step);
        }
        List<String> unused = edits.map(e -> e.records().stream()
                        .map(r -> AgencyRecords.idOf(e.agency(), r))
                        .filter(id -> !used.contains(id))
                        .distinct()
                        .toList())
                .orElse(List.of());
        return new Plan(List.copyOf(steps), unused);
    }

    private static Step decide(
            DeadLetterEntry entry,
            ReplayHistory history,
            boolean force,
            Optional<Edits> edits,
            boolean oneForOne,
            UnaryOperator<String> naming) {
        boolean replayedBefore = history.replayed(entry);
        if (replayedBefore && !force) {
            DeadLetterReplay last = history.last(entry).orElseThrow();
            int times = history.of(entry).size();
            return new Refused(
                    entry,
                    Refusal.ALREADY_REPLAYED,
                    "already replayed" + (times > 1 ? " " + times + " times" : "")
                            + ", last by " + last.getOperator() + " at " + last.getReplayedAt() + " to "
                            + last.getTargetTopic()
                            + " " + last.getTargetPartition() + ":" + last.getTargetOffset()
                            + (last.getEdited() ? " (edited)" : "")
                            + "; --force replays it again");
        }
        if (edits.isEmpty()) {
            if (needsEdit(entry)) {
                return new Refused(
                        entry,
                        Refusal.NEEDS_EDIT,
                        (entry.originalValue().isEmpty()
                                        ? entry.letter().getDataKeyId() != null
                                                ? "its original bytes are sealed under a data key that was erased "
                                                        + "(hub erase) or not given (--master-key)"
                                                : "the dead letter holds no value"
                                        : entry.letter().getOriginalValueSha256() != null
                                                ? "only an excerpt of its value was kept (it was over the topic's size limit)"
                                                : "its value could not be read with the topic's schema")
                                + ": only a corrected record can be sent; write it in the agency's JSON and give it with "
                                + "--edit-file FILE");
            }
            return new Replay(entry, Optional.empty(), replayedBefore);
        }
        Edits e = edits.get();
        Optional<Agency> agency = AgencyRecords.agencyOf(entry.letter(), naming);
        if (agency.isEmpty()) {
            return new Refused(
                    entry,
                    Refusal.EDIT_DOES_NOT_FIT,
                    "it came from " + entry.letter().getSourceTopic()
                            + ", not an agency's topic: it can only be replayed as it was");
        }
        if (agency.get() != e.agency()) {
            return new Refused(
                    entry,
                    Refusal.EDIT_DOES_NOT_FIT,
                    "it is a " + lower(agency.get()) + " referral, " + e.source() + " holds " + lower(e.agency())
                            + " referrals");
        }
        Optional<String> id = entry.referralId();
        if (oneForOne) {
            SpecificRecord record = e.records().get(0);
            String editedId = AgencyRecords.idOf(e.agency(), record);
            if (id.isPresent() && !id.get().equals(editedId)) {
                return new Refused(
                        entry,
                        Refusal.EDIT_DOES_NOT_FIT,
                        "the record in " + e.source() + " has " + e.idField() + " " + editedId
                                + " but the dead letter's is " + id.get() + ": a replay keeps the referral id");
            }
            return new Replay(entry, Optional.of(record), replayedBefore);
        }
        if (id.isEmpty()) {
            return new Refused(
                    entry,
                    Refusal.NO_EDIT_FOR_IT,
                    "it has no referral id to find its record in " + e.source()
                            + " by: replay it on its own with a file of one record");
        }
        List<SpecificRecord> matching = e.withId(id.get());
        if (matching.isEmpty()) {
            return new Refused(
                    entry,
                    Refusal.NO_EDIT_FOR_IT,
                    "no record with " + e.idField() + " " + id.get() + " in " + e.source());
        }
        if (matching.size() > 1) {
            return new Refused(
                    entry,
                    Refusal.EDIT_DOES_NOT_FIT,
                    e.source() + " holds " + matching.size() + " records with " + e.idField() + " " + id.get());
        }
        return new Replay(entry, Optional.of(matching.get(0)), replayedBefore);
    }

    /** Whether only an edited record can be sent for this dead letter. */
    public static boolean needsEdit(DeadLetterEntry entry) {
        return UNREADABLE_RULES.contains(entry.letter().getRule())
                || entry.originalValue().isEmpty()
                || entry.letter().getOriginalValueSha256() != null;
    }

    private static String lower(Agency agency) {
        return agency.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
