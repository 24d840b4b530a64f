package org.rjhub.dlq;

import java.io.PrintWriter;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterId;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.DeadLetterView;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.ReplayHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub dlq show}: one dead letter in full, its record as the agency's JSON with personal data masked. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show one dead letter: reason, rule, provenance, replays, and the original record as the "
                    + "agency's JSON, with names, dates of birth, addresses, postcodes, phone numbers and e-mail "
                    + "addresses masked (***) unless --unmasked."
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
            description = "Show personal data as it is (for fixing the record; mind who sees " + "your screen).")
    boolean unmasked;

    @Override
    int run(PrintWriter out, DlqConfig config) {
        DeadLetterEntry entry = new DeadLetterReader(config).one(ref(deadLetter));
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
                    history.of(entry),
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
