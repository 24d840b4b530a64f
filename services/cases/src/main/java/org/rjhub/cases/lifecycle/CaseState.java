package org.rjhub.cases.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * One RJ case as the case service knows it (JSON in the {@code cases} store, private to this service):
 * what the router queued (parties, referrals to answer), and what facilitators recorded, per party.
 * Mutable on purpose: the state machine works on a copy ({@link #copy()}) and the store keeps the result.
 */
public final class CaseState {

    /** Where a case is in its life. */
    public enum Status {
        OPEN,
        CLOSED,
        MERGED
    }

    /** Which agencies an outcome goes to. */
    public enum Audience {
        EVERY_REFERRER,
        PROBATION
    }

    public String caseId;
    public Status status = Status.OPEN;
    public String queue;
    public String caseType;
    public String justiceStage;
    /** The flags the queue items gave in clear; with a master key none (they are in {@link #details}, sealed). */
    public List<String> flags = new ArrayList<>();
    /**
     * With a master key: each referral's offence wording and flags as the queue item carried them, sealed under the
     * referral's data key ({@code QueueItem.details}), opened by the case API per request; empty otherwise.
     */
    public List<SealedDetails> details = new ArrayList<>();

    public OffenceView offence;
    public List<PartyView> parties = new ArrayList<>();
    /** The agency referrals of the case, each answered under its own id. */
    public List<Ref> referrals = new ArrayList<>();

    public String possibleDuplicateOf;
    public Instant referredAt;
    public Instant lastItemAt;
    public Instant lastProgressAt;
    public String facilitator;
    public Map<PartyRole, PartyProgress> progress = new EnumMap<>(PartyRole.class);
    public RiskResult initialRisk;
    public RiskResult facilitationRisk;
    public boolean meetingHeld;
    public boolean indirectCommunication;
    public boolean agreementRecorded;
    public List<ActionState> actions = new ArrayList<>();
    public String closureReason;
    public Instant closedAt;
    /**
     * Why the hub asks for the case to be closed, or null: {@code VICTIM_WITHDREW_CONSENT},
     * {@code OFFENDER_WITHDREW_CONSENT} (a facilitator recorded it), {@link #REFERRAL_WITHDRAWN} (the router took the
     * case's last referral out: its referrer withdrew consent to refer; the case is closed at once).
     */
    public String closureDue;

    public String mergedInto;
    /** Every outcome announced to the referrers, in order; replayed to a referral that joins later. */
    public List<Announcement> announced = new ArrayList<>();
    /** The events applied, in order (ids make redeliveries harmless). */
    public List<HistoryEntry> history = new ArrayList<>();
    /** Escalations already raised, e.g. {@code NO_FIRST_CONTACT}, {@code NO_PROGRESS@<epoch ms>}. */
    public Set<String> escalations = new LinkedHashSet<>();
    /** The key of this case in the deadline index, if any. */
    public String deadlineKey;
    /**
     * The notes written on the case, oldest first ({@code rj.case-notes.v1}): free text for the people working the case,
     * never announced, never a fact for reporting; erased with the case.
     */
    public List<Note> notes = new ArrayList<>();
    /**
     * How to reach the people of each referral, by referral key ({@link Ref#key()}), from {@code rj.referrals.v1}: sealed
     * under the referral's data key when the referral came sealed (opened by the API per request, unreadable once the
     * key is erased), shown only to the case's facilitator and its queue's coordinators; erased with the case.
     */
    public Map<String, org.rjhub.cases.contacts.StoredContacts> contacts = new java.util.TreeMap<>();

    /** The closure reason of a case whose last referral the router withdrew (a WITHDRAWN queue item). */
    public static final String REFERRAL_WITHDRAWN = "REFERRAL_WITHDRAWN";

    /** What the case shows instead of the names of a party who withdrew consent. */
    public static final String WITHHELD = "(withdrawn)";

    public CaseState() {}

    public CaseState(String caseId) {
        this.caseId = caseId;
    }

    /** A deep copy, through the same JSON the store uses. */
    public CaseState copy() {
        return CaseStateJson.copy(this);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    public PartyProgress party(PartyRole role) {
        return progress.computeIfAbsent(role, r -> new PartyProgress());
    }

    /** The distinct roles of the parties the referrals name, in order. */
    public List<PartyRole> roles() {
        Set<PartyRole> roles = new LinkedHashSet<>();
        parties.forEach(p -> roles.add(p.role()));
        return List.copyOf(roles);
    }

    /**
     * Stops showing the parties who withdrew consent: their names and district are replaced by {@link #WITHHELD}
     * (their role stays, so events about them are still refused as PARTY_WITHDRAWN).
     */
    public void withholdWithdrawnParties() {
        parties = new ArrayList<>(parties.stream()
                .map(p -> progress.containsKey(p.role()) && progress.get(p.role()).withdrawn
                        ? new PartyView(p.role(), WITHHELD, WITHHELD, null)
                        : p)
                .distinct()
                .toList());
    }

    public boolean hasRole(PartyRole role) {
        return parties.stream().anyMatch(p -> p.role() == role);
    }

    public boolean contactMadeWithAnyone() {
        return progress.values().stream().anyMatch(p -> p.contactMade);
    }

    /** The latest risk assessment that found the case unsuitable and was not superseded, if any. */
    public Optional<RiskResult> unsuitable() {
        if (facilitationRisk != null) {
            return facilitationRisk.suitable() ? Optional.empty() : Optional.of(facilitationRisk);
        }
        return initialRisk == null || initialRisk.suitable() ? Optional.empty() : Optional.of(initialRisk);
    }

    public Optional<ActionState> action(String actionId) {
        return actions.stream().filter(a -> a.actionId.equals(actionId)).findFirst();
    }

    public boolean announcedAlready(OutcomeType type) {
        return announced.stream().anyMatch(a -> a.type() == type);
    }

    public boolean hasEvent(String eventId) {
        return history.stream().anyMatch(h -> h.eventId().equals(eventId));
    }

    /** True when a note with this id is on the case already (a second submit of the same note). */
    public boolean hasNote(String noteId) {
        return notes.stream().anyMatch(n -> n.noteId().equals(noteId));
    }

    /** A referral of the case: the agency and its own referral id. */
    public record Ref(SourceAgency agency, String agencyReferralId) {
        /** One string per referral, e.g. {@code POLICE:PR-1}. */
        public String key() {
            return agency + ":" + agencyReferralId;
        }
    }

    /** A party as the queue shows it: role, names, district; no contact details. */
    /**
     * A party as the queue item named it: in clear, or (a router with a master key) sealed under its referral's data
     * key, {@code forename} and {@code surname} then empty, {@code district} null, and {@code sealed} the queue item's
     * sealed bytes (base64), opened by the case API per request ({@link org.rjhub.cases.contacts.ContactsOpener}).
     */
    public record PartyView(
            PartyRole role, String forename, String surname, String district, String dataKeyId, String sealed) {

        /** A party in clear. */
        public PartyView(PartyRole role, String forename, String surname, String district) {
            this(role, forename, surname, district, null, null);
        }

        /** Whether its name is kept sealed (else in clear). */
        public boolean keptSealed() {
            return dataKeyId != null;
        }
    }

    /**
     * A referral's offence wording and flags kept sealed as the queue item carried them ({@code QueueDetails}): its data
     * key's id and the sealed bytes (base64).
     */
    public record SealedDetails(String dataKeyId, String sealed) {}

    /**
     * The offence: code, category and wording, never a person. With a master key the case service keeps no wording
     * ({@code description} empty): the case API opens it per request from the case's sealed referrals.
     */
    public record OffenceView(String code, String category, String description) {}

    /** A risk assessment's result. */
    public record RiskResult(
            RiskAssessmentStage stage, RiskLevel level, boolean suitable, UnsuitabilityReason reason, Instant at) {}

    /**
     * A note on the case: who wrote what, when. Sealed (a case API with a master key): {@code text} empty, {@code
     * dataKeyId} the note's own data key (of the case's subject, {@code case:<caseId>}) and {@code sealed} the note's
     * sealed text (base64), opened by the case API per request ({@link org.rjhub.cases.contacts.ContactsOpener}).
     */
    public record Note(String noteId, String author, String text, Instant writtenAt, String dataKeyId, String sealed) {

        /** A note in clear. */
        public Note(String noteId, String author, String text, Instant writtenAt) {
            this(noteId, author, text, writtenAt, null, null);
        }

        /** Whether its text is kept sealed (else in clear). */
        public boolean keptSealed() {
            return dataKeyId != null;
        }
    }

    /** One applied event, for the case history and to recognise redeliveries. */
    public record HistoryEntry(String eventId, String type, PartyRole party, String actor, Instant occurredAt) {}

    /**
     * An outcome told to the referrers; fanned out to each referral under its own id.
     *
     * @param reason      what the agency can act on; fixed wording, never personal data
     * @param declinedBy  for DECLINED
     * @param additional  event-specific values, no personal data
     * @param audience    which referrals receive it
     */
    public record Announcement(
            OutcomeType type,
            String reason,
            DeclinedBy declinedBy,
            Map<String, String> additional,
            Instant at,
            Audience audience) {
        public Announcement {
            additional = additional == null ? Map.of() : Map.copyOf(additional);
            audience = audience == null ? Audience.EVERY_REFERRER : audience;
        }

        public static Announcement of(OutcomeType type, String reason, Instant at) {
            return new Announcement(type, reason, null, Map.of(), at, Audience.EVERY_REFERRER);
        }
    }

    /** What one party has done so far. */
    public static final class PartyProgress {
        public int contactAttempts;
        public boolean contactMade;
        public boolean informed;
        public Set<ConsentScope> consents = new LinkedHashSet<>();
        public boolean withdrawn;

        public boolean consentedTo(ConsentScope specific) {
            return !withdrawn && (consents.contains(ConsentScope.RESTORATIVE_PROCESS) || consents.contains(specific));
        }
    }

    /** One action of the outcome agreement and how it stands. */
    public static final class ActionState {
        /** Where an action stands. */
        public enum Status {
            OPEN,
            COMPLETED,
            CANCELLED
        }

        public String actionId;
        public ActionKind kind;
        public PartyRole owedBy;
        public LocalDate dueDate;
        public Status status = Status.OPEN;
        public Instant completedAt;
        public boolean reminded;
        public boolean overdue;

        public ActionState() {}

        public ActionState(String actionId, ActionKind kind, PartyRole owedBy, LocalDate dueDate) {
            this.actionId = actionId;
            this.kind = kind;
            this.owedBy = owedBy;
            this.dueDate = dueDate;
        }

        public boolean pending() {
            return status == Status.OPEN;
        }
    }
}
