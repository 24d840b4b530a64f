package org.rjhub.dlq;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rjhub.agencies.Agency;
import org.rjhub.common.progress.Progress;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterId;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.Edits;
import org.rjhub.dlq.replay.ReplayHistory;
import org.rjhub.dlq.replay.ReplayPlanner;
import org.rjhub.dlq.replay.Replayer;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hub dlq replay}: sends dead letters back to their source topics after the cause was fixed, as
 * they were or edited, each in one transaction with its audit record; refuses those replayed before
 * unless forced.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replay dead letters to their source topic once the cause is fixed: the original bytes as the "
                    + "agency sent them, or a corrected record (--edit-file FILE, or --edit to change it in $EDITOR). "
                    + "Each replay is one transaction with its audit record on " + Contracts.DEAD_LETTER_REPLAYS_TOPIC
                    + "; a dead letter "
                    + "replayed before is refused unless --force. A record that could not be read (UNREADABLE_RECORD) "
                    + "can only be replayed with an edit file."
        },
        footer = {
            "",
            "Examples:",
            "  hub dlq replay 1:42 --edit-file fixed.json     one dead letter, corrected",
            "  hub dlq replay --rule DISTRICT_NOT_IN_ESSEX    all of a rule, after the routing rules were fixed",
            "  hub dlq replay --all --agency police --dry-run what would be replayed"
        })
public final class DlqReplayCommand extends DlqSubcommand {

    /** From this many replays on, their progress is shown (on standard error). */
    static final int PROGRESS_FROM = 20;

    @Parameters(
            arity = "0..*",
            paramLabel = "DEAD_LETTER",
            description = "Dead letters as PARTITION:OFFSET (as `hub dlq list` prints them), or OFFSET alone.")
    List<String> deadLetters = new ArrayList<>();

    @Mixin
    FilterOptions filters;

    @Option(names = "--all", description = "Every dead letter (that the filters let through).")
    boolean all;

    @Option(
            names = "--edit-file",
            paramLabel = "FILE",
            description = "Corrected records in the agency's JSON (as `hub publish` takes them, or one record as an "
                    + "object), matched to the dead letters by referral id; dead letters without one are skipped.")
    Path editFile;

    @Option(
            names = "--edit",
            description = "Open the dead letter's record in $VISUAL or $EDITOR and replay what is "
                    + "saved (one dead letter).")
    boolean edit;

    @Option(names = "--force", description = "Replay dead letters even if the audit shows them replayed before.")
    boolean force;

    @Option(names = "--dry-run", description = "Say what would be replayed or refused, and send nothing.")
    boolean dryRun;

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            defaultValue = "${env:USER}",
            description = "Who replays, for the audit (default: $USER).")
    String operator;

    @Override
    int run(PrintWriter out, DlqConfig config) {
        checkSelection();
        String who = operator();
        DeadLetterReader reader = new DeadLetterReader(config);
        List<DeadLetterEntry> selected = select(reader);
        if (selected.isEmpty()) {
            out.println("no dead letters match: nothing replayed");
            return 0;
        }
        try (AgencyRecords records = new AgencyRecords(config.connection())) {
            if (dryRun) {
                Optional<Edits> edits = edits(selected, config, records, ReplayHistory.empty());
                return report(
                        out,
                        ReplayPlanner.plan(selected, ReplayHistory.read(config), force, edits, config.naming()),
                        null,
                        who);
            }
            try (Replayer replayer = new Replayer(config, records)) {
                ReplayHistory history = replayer.history(); // read only now that no other replay can run
                Optional<Edits> edits = edits(selected, config, records, history);
                ReplayPlanner.Plan plan = ReplayPlanner.plan(selected, history, force, edits, config.naming());
                return report(out, plan, replayer, who);
            }
        }
    }

    private int report(PrintWriter out, ReplayPlanner.Plan plan, Replayer replayer, String who) {
        long toSend = plan.steps().stream()
                .filter(ReplayPlanner.Replay.class::isInstance)
                .count();
        try (Progress progress =
                replayer != null && toSend >= PROGRESS_FROM ? Progress.start("replay", toSend) : null) {
            return report(out, plan, replayer, who, progress);
        }
    }

    private int report(PrintWriter out, ReplayPlanner.Plan plan, Replayer replayer, String who, Progress progress) {
        int replayed = 0;
        for (ReplayPlanner.Step step : plan.steps()) {
            if (step instanceof ReplayPlanner.Replay r) {
                String what = describe(r.entry())
                        + (r.edited().isPresent() ? ", edited" : ", as it was")
                        + (r.forced() ? ", forced" : "");
                if (replayer == null) {
                    out.println(
                            "would replay " + what + " -> " + r.entry().letter().getSourceTopic());
                } else {
                    DeadLetterReplay audit = replayer.replay(r, who, Instant.now());
                    out.println("replayed " + what + " -> " + audit.getTargetTopic() + " " + audit.getTargetPartition()
                            + ":" + audit.getTargetOffset());
                    out.flush();
                    if (progress != null) {
                        progress.step();
                    }
                }
                replayed++;
            } else if (step instanceof ReplayPlanner.Refused r) {
                out.println((r.reason() == ReplayPlanner.Refusal.NO_EDIT_FOR_IT ? "skipped " : "refused ")
                        + describe(r.entry()) + ": " + r.detail());
            }
        }
        for (String id : plan.unusedEdits()) {
            out.println("note: the edited record " + id + " matches no dead letter selected: not sent");
        }
        int notReplayed = plan.steps().size() - replayed;
        out.println((replayer == null ? "dry run: " + replayed + " would be replayed" : replayed + " replayed")
                + (notReplayed == 0 ? "" : ", " + notReplayed + " not")
                + (replayer == null ? ", nothing sent" : "")
                + (replayer != null && replayed > 0 ? " by " + who : ""));
        return notReplayed == 0 ? 0 : DlqCommand.EXIT_NOT_ALL_REPLAYED;
    }

    private void checkSelection() {
        boolean byId = !deadLetters.isEmpty();
        if (byId && (all || filters.given())) {
            throw new DlqException("give dead letters, or --rule/--agency/--since/--all, not both");
        }
        if (!byId && !all && !filters.hasRule()) {
            throw new DlqException("say which dead letters: DEAD_LETTER..., --rule RULE, or --all "
                    + "(with --agency/--since to narrow it)");
        }
        if (edit && editFile != null) {
            throw new DlqException("give --edit or --edit-file, not both");
        }
        if (edit && deadLetters.size() != 1) {
            throw new DlqException("--edit edits one dead letter: name it (PARTITION:OFFSET); for several, "
                    + "write the corrected records in a file and give --edit-file FILE");
        }
    }

    private List<DeadLetterEntry> select(DeadLetterReader reader) {
        if (deadLetters.isEmpty()) {
            return reader.all().stream().filter(filters.filter(Instant.now())).toList();
        }
        Map<DeadLetterId, DeadLetterEntry> chosen = new LinkedHashMap<>();
        for (String text : deadLetters) {
            DeadLetterEntry e = reader.one(DlqShowCommand.ref(text));
            chosen.putIfAbsent(e.id(), e);
        }
        return List.copyOf(chosen.values());
    }

    private Optional<Edits> edits(
            List<DeadLetterEntry> selected, DlqConfig config, AgencyRecords records, ReplayHistory history) {
        if (editFile == null && !edit) {
            return Optional.empty();
        }
        Set<Agency> agencies = selected.stream()
                .map(e -> AgencyRecords.agencyOf(e.letter(), config.naming()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        if (agencies.size() != 1) {
            throw new DlqException(
                    agencies.isEmpty()
                            ? "the dead letters selected are not from an agency's topic: "
                                    + "they can only be replayed as they were"
                            : "edits are one agency's records, but the dead letters selected are from "
                                    + agencies.stream()
                                            .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                                            .sorted()
                                            .toList()
                                    + ": add --agency");
        }
        Agency agency = agencies.iterator().next();
        if (editFile != null) {
            return Optional.of(EditSession.fromFile(agency, editFile));
        }
        DeadLetterEntry entry = selected.get(0);
        if (history.replayed(entry) && !force) {
            return Optional.empty(); // the plan refuses it; no point in editing
        }
        AgencyRecords.Decoded decoded = records.decode(entry.letter());
        if (!(decoded instanceof AgencyRecords.Readable readable)) {
            throw new DlqException("dead letter " + entry.id() + " cannot be opened in an editor: its value is "
                    + ((AgencyRecords.Unreadable) decoded).why() + ". Write the corrected record in the agency's JSON "
                    + "and give it with --edit-file FILE");
        }
        return Optional.of(EditSession.inEditor(editor(), agency, readable.record()));
    }

    private String operator() {
        return operator(operator, "replaying");
    }

    private static String describe(DeadLetterEntry e) {
        var l = e.letter();
        return e.id() + " (" + l.getRule() + ", "
                + (l.getAgency() == null ? "-" : l.getAgency().name()) + " "
                + e.referralId().orElse("-") + ")";
    }
}
