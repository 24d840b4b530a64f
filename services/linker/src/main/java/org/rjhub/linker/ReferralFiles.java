package org.rjhub.linker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.agencies.json.AgencyJsonException;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.linker.LinkInputException.Reason;
import org.rjhub.matching.ReferralSummary;

/**
 * Agency referral files: read against the agency's contract ({@link AgencyJson}) and mapped to the canonical referral
 * exactly as the router maps them ({@link CanonicalMapper}), down to the fields person matching uses
 * ({@link ReferralSummary}). The router's validation and eligibility rules are not applied: every referral that
 * matches its contract is linked.
 */
final class ReferralFiles {

    /** At most this many of a file's contract problems are shown; the message stays one line. */
    static final int PROBLEMS_SHOWN = 3;

    /** The mapper needs a receipt time; nothing the linker uses depends on it. */
    private static final Instant RECEIVED = Instant.EPOCH;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ReferralFiles() {}

    /**
     * Reads one agency file.
     *
     * @param agency the agency, or {@code null} to tell it from the file's fields
     * @return the referrals in file order
     */
    static List<ReferralSummary> read(Path file, Agency agency) {
        String text = text(file);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // not JSON: the contract's reader words the problem, and words it the same for every agency
            throw contractProblem(
                    file,
                    () -> AgencyJson.forAgency(agency == null ? Agency.POLICE : agency)
                            .read(text));
        }
        Agency resolved = agency != null ? agency : detect(file, root);
        return switch (resolved) {
            case POLICE -> map(file, AgencyJson.police(), root, r -> CanonicalMapper.police(r, RECEIVED));
            case PROBATION -> map(file, AgencyJson.probation(), root, r -> CanonicalMapper.probation(r, RECEIVED));
            case VICTIM_SUPPORT ->
                map(file, AgencyJson.victimSupport(), root, r -> CanonicalMapper.victimSupport(r, RECEIVED));
        };
    }

    /**
     * The agency of a file from its records' fields: {@code referralId} with {@code victims} is police, {@code crn}
     * probation, {@code vsCaseId} Victim Support. A file without records needs no agency (police is as good as any).
     */
    static Agency detect(Path file, JsonNode root) {
        JsonNode records = root != null && root.isObject() && root.size() == 1 ? root.get(AgencyJson.REFERRALS) : root;
        if (records == null || !records.isArray()) {
            // not shaped as a file of referrals: the contract's reader words that too, the same for every agency
            throw contractProblem(file, () -> AgencyJson.police().read(root));
        }
        Set<Agency> found = EnumSet.noneOf(Agency.class);
        for (JsonNode record : records) {
            if (record.has("referralId") && record.has("victims")) {
                found.add(Agency.POLICE);
            } else if (record.has("crn")) {
                found.add(Agency.PROBATION);
            } else if (record.has("vsCaseId")) {
                found.add(Agency.VICTIM_SUPPORT);
            }
        }
        if (found.size() > 1) {
            throw new LinkInputException(
                    Reason.UNKNOWN_AGENCY,
                    file + " mixes records of "
                            + found.stream().map(ReferralFiles::optionName).collect(Collectors.joining(" and "))
                            + ": give each agency's referrals in a file of their own");
        }
        if (found.isEmpty() && !records.isEmpty()) {
            throw new LinkInputException(
                    Reason.UNKNOWN_AGENCY,
                    "cannot tell which agency " + file
                            + " is from: no record has referralId with victims (police), crn (probation) or vsCaseId"
                            + " (Victim Support); give --agency " + String.join("|", Agency.cliNames()));
        }
        return found.isEmpty() ? Agency.POLICE : found.iterator().next();
    }

    /** The agency as {@code --agency} names it. */
    static String optionName(Agency agency) {
        return agency.cliName();
    }

    private static <T extends SpecificRecord> List<ReferralSummary> map(
            Path file, AgencyJson<T> json, JsonNode root, Function<T, Intake> mapper) {
        List<T> records;
        try {
            records = json.read(root);
        } catch (AgencyJsonException e) {
            throw new LinkInputException(Reason.BAD_JSON, file + ": " + oneLine(e), e);
        }
        List<ReferralSummary> summaries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                summaries.add(ReferralSummary.of(mapper.apply(records.get(i)).referral()));
            } catch (RuntimeException e) {
                // a record the contract accepts but the canonical form refuses (Avro's builder checks, a null the
                // mapper does not expect); the message names the field, never a value
                throw new LinkInputException(
                        Reason.BAD_JSON,
                        file + ": record " + i
                                + " cannot be mapped to a hub referral: "
                                + e.getClass().getSimpleName() + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return summaries;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new LinkInputException(Reason.BAD_JSON, file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw LinkInputException.io("read", file, e);
        }
    }

    /** The problem the contract's reader finds in a file that the linker could not use. */
    private static LinkInputException contractProblem(Path file, Supplier<?> failingRead) {
        try {
            failingRead.get();
        } catch (AgencyJsonException e) {
            return new LinkInputException(Reason.BAD_JSON, file + ": " + oneLine(e), e);
        }
        return new LinkInputException(Reason.BAD_JSON, file + ": not a JSON file of referrals");
    }

    /** The first problems of the exception's list on one line, and how many more there are. */
    static String oneLine(AgencyJsonException e) {
        var problems = e.problems();
        String shown = problems.stream()
                .limit(PROBLEMS_SHOWN)
                .map(p -> p.toString().replaceAll("\\R+", " "))
                .collect(Collectors.joining("; "));
        int more = problems.size() - PROBLEMS_SHOWN;
        return more > 0 ? shown + "; and " + more + " more problem" + (more == 1 ? "" : "s") : shown;
    }
}
