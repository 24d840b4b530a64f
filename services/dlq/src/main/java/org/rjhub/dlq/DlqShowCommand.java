package org.rjhub.dlq;

import java.io.PrintWriter;
import java.time.Instant;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterId;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.DeadLetterView;
import org.rjhub.dlq.inspect.UnmaskedViewAudit;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.ReplayHistory;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub dlq show}: one dead letter in full, its record as the agency's JSON with personal data masked. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show one dead letter: reason, rule, provenance, replays and unmasked views, and the original record"
                    + " as the agency's JSON, every field the contract does not classify as operational masked (***)"
                    + " unless --unmasked. An unmasked view is audited first (who, when, which dead letter) on "
                    + Contracts.DEAD_LETTER_REPLAYS_TOPIC + "; if the audit cannot be written, nothing is shown."
        })
public final class DlqShowCommand extends DlqSubcommand {

    @Parameters(
            index = "0",
            paramLabel = "DEAD_LETTER",
            description =
                    "PARTITION:OFFSET as `hub dlq list` prints it, or OFFSET alone when only one partition has it.")
    String deadLetter;

    @Option(
            names = "--unmasked",
            description = "Show personal data as it is (for fixing the record; mind who sees your screen). Audited.")
    boolean unmasked;

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            defaultValue = "${env:USER}",
            description = "Who views it unmasked, for the audit (default: $USER).")
    String operator;

    @Override
    int run(PrintWriter out, DlqConfig config) {
        DeadLetterEntry entry = new DeadLetterReader(config).one(ref(deadLetter));
        if (unmasked) {
            DeadLetterReplay audit = UnmaskedViewAudit.record(entry, operator(operator, "viewing"), Instant.now());
            UnmaskedViewAudit.write(config, entry, audit);
        }
        ReplayHistory history;
        try {
            history = ReplayHistory.read(config);
        } catch (DlqException e) {
            history = ReplayHistory.empty();
        }
        try (AgencyRecords records = new AgencyRecords(config.connection())) {
            out.print(DeadLetterView.render(
                    entry,
                    AgencyRecords.agencyOf(entry.letter(), config.naming()),
                    records.decode(entry.letter()),
                    history.audit(entry),
                    unmasked));
        }
        return 0;
    }

    static DeadLetterId.Ref ref(String text) {
        try {
            return DeadLetterId.Ref.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DlqException(e.getMessage(), e);
        }
    }
}
