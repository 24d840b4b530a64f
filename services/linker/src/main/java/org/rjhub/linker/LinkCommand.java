package org.rjhub.linker;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rjhub.agencies.Agency;
import org.rjhub.common.progress.Progress;
import org.rjhub.linker.LinkInputException.Reason;
import org.rjhub.linker.evaluation.LinkageEvaluation;
import org.rjhub.matching.Clustering;
import org.rjhub.matching.HumanDecisions;
import org.rjhub.matching.PersonClusterer;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.RecordPair;
import org.rjhub.matching.ReferralSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hub link FILE...}: the router's person matching, offline. Person extracts (CSV) are clustered into persons;
 * agency referral files (JSON) are linked into cases, as the router links them, and their parties into persons. With
 * FEBRL extracts it measures the matcher against the truth in the record ids. Register it as a subcommand of
 * {@code hub} by class.
 */
@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Link person extracts (.csv) into persons, or agency referral files (.json) into cases, "
                    + "with the router's person matcher, offline.",
            "The CSV goes to --out or stdout; counts, figures and runtime go to stderr."
        },
        footer = {
            "",
            "Inputs (all of one kind):",
            "  .csv   a person extract: a header row, then one person a row. Columns by",
            "         name: rec_id (or record_id, id), given_name (forename), surname,",
            "         date_of_birth (dob; yyyyMMdd, yyyy-MM-dd or dd/MM/yyyy), postcode,",
            "         street_number, address_1, address_2, suburb (or address, town).",
            "         FEBRL extracts work as they are.",
            "  .json  an agency's referrals in its own field names (as for hub publish).",
            "",
            "Output (CSV):",
            "  extracts        rec_id,person_id (one row per record, by rec_id)",
            "  agency files    agency,agency_referral_id,case_id,person_ids",
            "                  (one row per referral, by case)",
            "  A person id is the smallest record id of the person. A referral's parties",
            "  are records <AGENCY>/<referral id>#<party index>; person_ids follow the",
            "  party order, separated by ';'. Two referrals are one case when they share",
            "  a crime reference or a party of each is a MATCH (roles equal, or either",
            "  OTHER_PARTY); a case id is the router's id of its smallest hub referral id.",
            "  A referral id given twice (redelivery, amendment) counts once: the last.",
            "",
            "Exit codes: 0 linked, 2 bad input (one line on stderr)."
        })
public class LinkCommand implements Callable<Integer> {

    /** How the result is judged against a truth. */
    enum Truth {
        /** FEBRL figures when every record id is a FEBRL id. */
        AUTO,
        /** FEBRL figures; every record id must be a FEBRL id. */
        FEBRL,
        /** No figures. */
        NONE
    }

    @Spec
    private CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "Person extracts (.csv) or agency referral files (.json), not both.")
    private List<Path> files = new ArrayList<>();

    @Option(
            names = "--agency",
            paramLabel = "AGENCY",
            converter = AgencyConverter.class,
            completionCandidates = Agency.CliNames.class,
            description = "The agency of every .json file: ${COMPLETION-CANDIDATES} (default: told from "
                    + "each file's fields: referralId with victims, crn, vsCaseId).")
    private Agency agency;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            description = "Write the CSV here (default: stdout).")
    private Path out;

    @Option(
            names = "--truth",
            paramLabel = "TRUTH",
            defaultValue = "auto",
            converter = TruthConverter.class,
            description = "febrl: print precision, recall and F1 against the FEBRL truth (rec-N-org and rec-N-dup-K "
                    + "are one person); none: no figures; auto (default): febrl when every rec_id is a FEBRL id.")
    private Truth truth;

    @Option(
            names = "--keep-apart",
            paramLabel = "A,B",
            converter = PairConverter.class,
            description = "Records A and B are different people, whatever their score (repeatable).")
    private List<RecordPair> keepApart = new ArrayList<>();

    @Option(
            names = "--link",
            paramLabel = "A,B",
            converter = PairConverter.class,
            description = "Records A and B are the same person, whatever their score (repeatable).")
    private List<RecordPair> link = new ArrayList<>();

    @Option(
            names = "--reviews",
            paramLabel = "FILE",
            description = "Also write the pairs left to review (record_a,record_b), to decide with --keep-apart "
                    + "or --link.")
    private Path reviews;

    private final PersonMatcher matcher;

    /** A command with the router's shipped matcher. */
    public LinkCommand() {
        this.matcher = PersonMatcher.withDefaults();
    }

    @Override
    public Integer call() {
        try {
            long started = System.nanoTime();
            Map<String, String> summary = personExtracts() ? linkPersons() : linkReferrals();
            summary.put("runtime", (System.nanoTime() - started) / 1_000_000 + " ms");
            PrintWriter err = spec.commandLine().getErr();
            int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
            summary.forEach((name, value) -> err.printf(Locale.ROOT, "%-" + width + "s  %s%n", name, value));
            err.flush();
            return 0;
        } catch (LinkInputException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + e.getMessage().replaceAll("\\R+", " "));
            err.flush();
            return 2;
        }
    }

    /** Checks every file; true when they are person extracts, false when agency files. */
    private boolean personExtracts() {
        Set<Boolean> kinds = new HashSet<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new LinkInputException(Reason.NO_SUCH_FILE, "no such file: " + file);
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                kinds.add(true);
            } else if (name.endsWith(".json")) {
                kinds.add(false);
            } else {
                throw new LinkInputException(
                        Reason.UNKNOWN_EXTENSION,
                        file + ": unknown extension: expected .csv "
                                + "(a person extract) or .json (an agency's referrals)");
            }
            for (Path written : new Path[] {out, reviews}) {
                if (written != null
                        && written.toAbsolutePath()
                                .normalize()
                                .equals(file.toAbsolutePath().normalize())) {
                    throw new LinkInputException(Reason.IO_ERROR, file + " is an input: it must not be overwritten");
                }
            }
        }
        if (kinds.size() > 1) {
            throw new LinkInputException(
                    Reason.MIXED_INPUTS,
                    "person extracts (.csv) and agency files (.json) "
                            + "give different outputs: link them in separate runs");
        }
        return kinds.contains(true);
    }

    /** CSV extracts to {@code rec_id,person_id}. */
    private Map<String, String> linkPersons() {
        List<PersonRecord> records = new ArrayList<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        int unreadableDates = 0;
        for (Path file : files) {
            PersonExtractCsv.Extract extract = PersonExtractCsv.read(file);
            unreadableDates += extract.unreadableDates();
            for (PersonRecord record : extract.records()) {
                Path earlier = fileOf.putIfAbsent(record.id(), file);
                if (earlier != null) {
                    throw new LinkInputException(
                            Reason.DUPLICATE_ID,
                            "record id " + record.id() + " appears twice"
                                    + (earlier.equals(file) ? " in " + file : ", in " + earlier + " and " + file));
                }
                records.add(record);
            }
        }
        boolean febrl = febrlTruth(fileOf.keySet());
        Clustering clustering;
        try (Progress progress = Progress.start("comparing pairs", -1)) {
            clustering = new PersonClusterer(matcher)
                    .cluster(records, decisions(fileOf.keySet()), new PersonClusterer.Comparisons() {
                        @Override
                        public void planned(long pairs) {
                            progress.total(pairs);
                        }

                        @Override
                        public void compared(long pairs) {
                            progress.step(pairs);
                        }
                    });
        }

        List<String> lines = new ArrayList<>();
        lines.add("rec_id,person_id");
        clustering.clusterIds().forEach((id, person) -> lines.add(Csv.row(id, person)));
        write(out, lines);
        writeReviews(clustering);

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("records", String.valueOf(records.size()));
        if (unreadableDates > 0) {
            summary.put("unreadable dates", unreadableDates + " (taken as unknown)");
        }
        summary.put("persons", String.valueOf(clustering.clusterCount()));
        counts(summary, clustering);
        if (febrl) {
            LinkageEvaluation.Figures f =
                    LinkageEvaluation.evaluate(clustering.clusterIds(), LinkageEvaluation::febrlPerson);
            summary.put("true pairs", String.valueOf(f.truePairs()));
            summary.put("linked pairs", f.predictedPairs() + " (" + f.correctPairs() + " correct)");
            summary.put("precision", String.format(Locale.ROOT, "%.4f", f.precision()));
            summary.put("recall", String.format(Locale.ROOT, "%.4f", f.recall()));
            summary.put("F1", String.format(Locale.ROOT, "%.4f", f.f1()));
        }
        return summary;
    }

    /** Agency files to {@code agency,agency_referral_id,case_id,person_ids}. */
    private Map<String, String> linkReferrals() {
        if (truth == Truth.FEBRL) {
            throw new LinkInputException(
                    Reason.BAD_TRUTH, "--truth febrl judges FEBRL person extracts (.csv), " + "not agency files");
        }
        Map<String, ReferralSummary> latest = new LinkedHashMap<>();
        int read = 0;
        for (Path file : files) {
            for (ReferralSummary referral : ReferralFiles.read(file, agency)) {
                read++;
                latest.remove(referral.hubReferralId()); // the last version counts, as an amendment does
                latest.put(referral.hubReferralId(), referral);
            }
        }
        Set<String> partyIds = new HashSet<>();
        latest.values().forEach(r -> {
            for (int i = 0; i < r.parties().size(); i++) {
                partyIds.add(ReferralLinker.partyId(r.hubReferralId(), i));
            }
        });
        ReferralLinker.Result result =
                new ReferralLinker(matcher).link(new ArrayList<>(latest.values()), decisions(partyIds));

        List<String> lines = new ArrayList<>();
        lines.add("agency,agency_referral_id,case_id,person_ids");
        for (ReferralLinker.LinkedReferral r : result.referrals()) {
            lines.add(Csv.row(
                    r.summary().agency(), r.summary().agencyReferralId(), r.caseId(), String.join(";", r.personIds())));
        }
        write(out, lines);
        writeReviews(result.persons());

        Map<String, String> summary = new LinkedHashMap<>();
        int superseded = read - latest.size();
        summary.put(
                "referrals",
                latest.size()
                        + (superseded == 0
                                ? ""
                                : " (" + superseded + " more superseded by a later version with the same id)"));
        summary.put("cases", String.valueOf(result.cases()));
        summary.put("parties", String.valueOf(result.parties()));
        summary.put("persons", String.valueOf(result.persons().clusterCount()));
        counts(summary, result.persons());
        return summary;
    }

    private static void counts(Map<String, String> summary, Clustering clustering) {
        summary.put("candidate pairs", String.valueOf(clustering.candidatePairs()));
        summary.put("match pairs", String.valueOf(clustering.matchPairs()));
        summary.put("review pairs", String.valueOf(clustering.reviewPairs().size()));
        if (!clustering.conflicts().isEmpty()) {
            summary.put("conflicts", clustering.conflicts().size() + " (matches not joined: records kept apart)");
        }
    }

    /** Whether to judge against the FEBRL truth; with {@code --truth febrl} every id must be a FEBRL id. */
    private boolean febrlTruth(Set<String> ids) {
        if (truth == Truth.NONE) {
            return false;
        }
        for (String id : ids) {
            if (!isFebrlId(id)) {
                if (truth == Truth.FEBRL) {
                    throw new LinkInputException(
                            Reason.BAD_TRUTH,
                            "--truth febrl: record id " + id + " is not a FEBRL id (rec-N-org or rec-N-dup-K)");
                }
                return false;
            }
        }
        return !ids.isEmpty();
    }

    private static boolean isFebrlId(String id) {
        try {
            LinkageEvaluation.febrlPerson(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code --keep-apart} and {@code --link} decisions; each must name records of the input. */
    private HumanDecisions decisions(Set<String> ids) {
        checkKnown("--keep-apart", keepApart, ids);
        checkKnown("--link", link, ids);
        try {
            return new HumanDecisions(new HashSet<>(keepApart), new HashSet<>(link));
        } catch (IllegalArgumentException e) {
            throw new LinkInputException(
                    Reason.BAD_DECISION, "--keep-apart and --link contradict each other: " + e.getMessage(), e);
        }
    }

    private static void checkKnown(String option, List<RecordPair> pairs, Set<String> ids) {
        for (RecordPair pair : pairs) {
            for (String id : List.of(pair.first(), pair.second())) {
                if (!ids.contains(id)) {
                    throw new LinkInputException(
                            Reason.BAD_DECISION,
                            option + " " + pair.first() + "," + pair.second() + ": no record " + id + " in the input");
                }
            }
        }
    }

    private void writeReviews(Clustering clustering) {
        if (reviews == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("record_a,record_b");
        clustering.reviewPairs().forEach(p -> lines.add(Csv.row(p.first(), p.second())));
        write(reviews, lines);
    }

    /** Lines to a file, or to the command's output when {@code target} is null. */
    private void write(Path target, List<String> lines) {
        if (target == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            lines.forEach(line -> stdout.print(line + "\n"));
            stdout.flush();
            return;
        }
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw LinkInputException.io("write", target, e);
        }
    }

    /** {@code police}, {@code probation} or {@code victimsupport}. */
    static final class AgencyConverter implements ITypeConverter<Agency> {
        @Override
        public Agency convert(String value) {
            return Agency.fromCliName(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown agency '" + value + "': use " + Agency.cliNamesInWords()));
        }
    }

    /** {@code auto}, {@code febrl} or {@code none}. */
    static final class TruthConverter implements ITypeConverter<Truth> {
        @Override
        public Truth convert(String value) {
            try {
                return Truth.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown truth '" + value + "': use auto, febrl or none");
            }
        }
    }

    /** Two different record ids separated by a comma. */
    static final class PairConverter implements ITypeConverter<RecordPair> {
        @Override
        public RecordPair convert(String value) {
            String[] ids = value.split(",", -1);
            if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
                throw new TypeConversionException("expected two record ids A,B, got '" + value + "'");
            }
            if (ids[0].strip().equals(ids[1].strip())) {
                throw new TypeConversionException("expected two different record ids, got '" + value + "'");
            }
            return RecordPair.of(ids[0].strip(), ids[1].strip());
        }
    }
}
