package org.rjhub.dlq;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterFilter;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.DeadLetterTable;
import org.rjhub.dlq.replay.ReplayHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hub dlq list}: a table of dead letters, with reason and provenance; never personal data. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "List dead letters: where each is (PARTITION:OFFSET, what `show` and `replay` take), when it "
                    + "failed, agency, referral id, rule, how often it was replayed, and the reason. No personal data."
        })
public final class DlqListCommand extends DlqSubcommand {

    @Mixin
    FilterOptions filters;

    @Override
    int run(PrintWriter out, DlqConfig config) {
        DeadLetterFilter filter = filters.filter(Instant.now());
        List<DeadLetterEntry> all = new DeadLetterReader(config).all();
        ReplayHistory history = history(config);
        List<DeadLetterEntry> shown = all.stream().filter(filter).toList();
        if (!shown.isEmpty()) {
            out.print(DeadLetterTable.render(shown, e -> history.of(e).size()));
        }
        long replayed = shown.stream().filter(history::replayed).count();
        out.println(shown.size() + (filter.isEmpty() ? "" : " of " + all.size()) + " dead letters on "
                + config.deadLetterTopic() + (shown.isEmpty() ? "" : ", " + replayed + " of them replayed"));
        return 0;
    }

    private ReplayHistory history(DlqConfig config) {
        try {
            return ReplayHistory.read(config);
        } catch (DlqException e) {
            spec.commandLine().getErr().println("hub dlq list: no replay audit (" + e.getMessage() + ")");
            return ReplayHistory.empty();
        }
    }
}
