package org.rjhub.console.caseapi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The case API's JSON as the console reads it (fields it does not use are ignored). */
public final class CaseModels {

    private CaseModels() {}

    /** One case in a list ({@code GET /cases}). */
    public record CaseSummary(
            String caseId,
            String queue,
            String stage,
            String facilitator,
            String caseType,
            List<String> parties,
            int referrals,
            Instant referredAt,
            Instant lastProgressAt,
            String status,
            List<String> flags,
            String possibleDuplicateOf,
            long overdueActions,
            List<String> escalations,
            Instant nextDueAt,
            String flagsUnavailable) {
        public CaseSummary {
            parties = parties == null ? List.of() : List.copyOf(parties);
            flags = flags == null ? List.of() : List.copyOf(flags);
            escalations = escalations == null ? List.of() : List.copyOf(escalations);
        }

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /**
     * The case's offence. {@code unavailable}: why the case API could not open its wording (kept sealed in the case's
     * referrals, whose data keys are erased or not read yet), null when it did.
     */
    public record Offence(String code, String category, String description, String unavailable) {

        /** The wording, or that it is not available. */
        public String wording() {
            return unavailable == null ? description : WORDING_NOT_AVAILABLE;
        }
    }

    /** What the console shows of an offence whose wording cannot be opened. */
    public static final String WORDING_NOT_AVAILABLE = "wording not available (erased, or cannot be read yet)";

    /**
     * What the console shows beside a case's flags when the case API could not open them all ({@code flagsUnavailable}
     * of a case or a case in a list: kept sealed per referral, under data keys erased or not read yet).
     */
    public static final String FLAGS_NOT_AVAILABLE = "flags not available (erased, or cannot be read yet)";

    /**
     * A party as the queue named it. {@code unavailable}: why the case API could not open the name (kept sealed under
     * the referral's data key, which is erased or not read yet; the party is then its role only), null when it did.
     */
    public record Party(String role, String forename, String surname, String district, String unavailable) {

        /** The party's name, or that it is not available. */
        public String name() {
            return unavailable == null ? forename + " " + surname : NAME_NOT_AVAILABLE;
        }
    }

    /** What the console shows of a party whose name cannot be opened. */
    public static final String NAME_NOT_AVAILABLE = "name not available (erased, or cannot be read yet)";

    public record Ref(String agency, String agencyReferralId) {}

    public record Progress(
            int contactAttempts, boolean contactMade, boolean informed, List<String> consents, boolean withdrawn) {
        public Progress {
            consents = consents == null ? List.of() : List.copyOf(consents);
        }
    }

    public record Risk(String stage, String level, boolean suitable, String reason, Instant at) {}

    public record Action(
            String actionId, String kind, String owedBy, LocalDate dueDate, String status, boolean overdue) {}

    public record History(String eventId, String type, String party, String actor, Instant occurredAt) {}

    public record Timer(String kind, Instant at, String actionId) {}

    /**
     * How to reach the people of one referral: the parties the agency gave details for and, on a probation referral,
     * the offender manager. The case API sends them only to the case's facilitator and its queue's coordinators.
     * {@code unavailable}: why the case API could not open them (kept sealed under the referral's data key, which is
     * erased or not read yet), null when it did.
     */
    public record Contacts(Ref referral, List<PartyContact> parties, Practitioner offenderManager, String unavailable) {
        public Contacts {
            parties = parties == null ? List.of() : List.copyOf(parties);
        }
    }

    public record PartyContact(
            String role,
            String forename,
            String surname,
            String preferredMethod,
            String phone,
            String email,
            String address) {}

    public record Practitioner(String name, String team, String email) {}

    /**
     * A note on the case: free text for the people working it (never told to an agency, never reported). {@code
     * unavailable}: why the case API could not open it (sealed under a data key of the case, erased or not read yet),
     * null when it did.
     */
    public record Note(String noteId, String author, String text, Instant writtenAt, String unavailable) {

        /** The note's text, or that it is not available. */
        public String shown() {
            return unavailable == null ? text : NOTE_NOT_AVAILABLE;
        }
    }

    /** What the console shows of a note that cannot be opened. */
    public static final String NOTE_NOT_AVAILABLE = "The note is not available: erased, or cannot be read yet.";

    /** A step and whether the case allows it now; {@code reason} says why not. */
    public record Step(String type, String party, String option, boolean allowed, String rule, String reason) {}

    /** One whole case ({@code GET /cases/{id}}). */
    public record CaseDetail(
            String caseId,
            String status,
            String queue,
            String caseType,
            String justiceStage,
            List<String> flags,
            Offence offence,
            List<Party> parties,
            List<Ref> referrals,
            String possibleDuplicateOf,
            Instant referredAt,
            Instant lastProgressAt,
            String facilitator,
            Map<String, Progress> progress,
            Risk initialRisk,
            Risk facilitationRisk,
            boolean meetingHeld,
            boolean indirectCommunication,
            boolean agreementRecorded,
            List<Action> actions,
            String closureReason,
            Instant closedAt,
            String mergedInto,
            List<History> history,
            List<String> escalations,
            String stage,
            List<Timer> timers,
            List<Step> steps,
            List<Note> notes,
            List<Contacts> contacts,
            String flagsUnavailable) {
        public CaseDetail {
            flags = flags == null ? List.of() : List.copyOf(flags);
            parties = parties == null ? List.of() : List.copyOf(parties);
            referrals = referrals == null ? List.of() : List.copyOf(referrals);
            progress = progress == null ? Map.of() : Map.copyOf(progress);
            actions = actions == null ? List.of() : List.copyOf(actions);
            history = history == null ? List.of() : List.copyOf(history);
            escalations = escalations == null ? List.of() : List.copyOf(escalations);
            timers = timers == null ? List.of() : List.copyOf(timers);
            steps = steps == null ? List.of() : List.copyOf(steps);
            notes = notes == null ? List.of() : List.copyOf(notes);
            contacts = contacts == null ? null : List.copyOf(contacts);
        }

        /** True when the case API gave the contact details: the user is the case's facilitator or coordinator. */
        public boolean showsContacts() {
            return contacts != null;
        }

        public boolean open() {
            return "OPEN".equals(status);
        }

        /** The distinct party roles, in order. */
        public List<String> roles() {
            return parties.stream().map(Party::role).distinct().toList();
        }

        public Progress progressOf(String role) {
            return progress.getOrDefault(role, new Progress(0, false, false, List.of(), false));
        }

        /** The step of {@code type} (for {@code party}, with {@code option}, each when not null). */
        public Optional<Step> step(String type, String party, String option) {
            return steps.stream()
                    .filter(s -> s.type().equals(type))
                    .filter(s -> party == null || party.equals(s.party()))
                    .filter(s -> option == null || option.equals(s.option()))
                    .findFirst();
        }

        public Optional<Action> action(String actionId) {
            return actions.stream().filter(a -> a.actionId().equals(actionId)).findFirst();
        }
    }

    /**
     * The case API's answer to a recorded event.
     *
     * @param status   SENT, DUPLICATE or REFUSED
     * @param outcomes what the referring agencies are told, by outcome type
     * @param reason   why it was refused
     */
    public record Recorded(String eventId, String status, List<String> outcomes, String rule, String reason) {
        public Recorded {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }

        public boolean refused() {
            return "REFUSED".equals(status);
        }
    }
}
