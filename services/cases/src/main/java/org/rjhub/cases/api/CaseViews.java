package org.rjhub.cases.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rjhub.cases.contacts.ContactsOpener;
import org.rjhub.cases.contacts.ReferralContacts;
import org.rjhub.cases.contacts.StoredContacts;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.NextSteps;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.cases.monitoring.Timers;

/**
 * The JSON the API answers with: a one-line summary per case for lists (never contact details), the whole case for
 * one (its {@code contacts} a list, one per referral, opened there when kept sealed, without the parties who withdrew;
 * a referral whose details do not open, its data key erased or not read yet, is listed with none and {@code
 * unavailable} saying why; the API takes them out for a caller who may not see them). The parties' names, in both,
 * are opened per request when kept sealed (the queue items' {@code QueueParty.sealed}); a party whose name does not
 * open is its role only ({@link #NAME_NOT_AVAILABLE} in lists, {@code unavailable} in the whole case). Likewise a
 * sealed note (its text empty, {@code unavailable} saying why, when its case's key is erased), the offence's
 * wording, which a service with a master key does not keep but opens from the case's sealed referrals, and the
 * sensitivity flags, kept sealed per referral and opened per request ({@code flagsUnavailable} saying why when some
 * do not open).
 */
public final class CaseViews {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CaseViews() {}

    /** Where the case is, in one word, for lists. */
    public static String stage(CaseState s) {
        if (s.status != CaseState.Status.OPEN) {
            return s.status.name();
        }
        if (s.agreementRecorded) {
            return "AGREEMENT";
        }
        if (s.meetingHeld || s.indirectCommunication) {
            return "COMMUNICATION";
        }
        if (s.unsuitable().isPresent()) {
            return "UNSUITABLE";
        }
        if (s.facilitator != null) {
            return "ALLOCATED";
        }
        if (s.contactMadeWithAnyone()) {
            return "CONTACT";
        }
        return "REFERRED";
    }

    /** How a list shows a party whose name is sealed under a data key that is not here (erased, or not read yet). */
    public static final String NAME_NOT_AVAILABLE = "(name not available: erased or not read yet)";

    /**
     * One line per case for lists: who, where, how far, and what needs attention (flags, a possible duplicate, overdue
     * agreement actions, escalations raised, the next timer due).
     */
    public static Map<String, Object> summary(CaseState s, ServiceLevels levels, ContactsOpener opener) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", s.caseId);
        m.put("queue", s.queue);
        m.put("stage", stage(s));
        m.put("facilitator", s.facilitator);
        m.put("caseType", s.caseType);
        m.put(
                "parties",
                s.parties.stream()
                        .map(p -> opener.open(p)
                                .map(o -> o.role() + " " + o.forename() + " " + o.surname())
                                .orElse(p.role() + " " + NAME_NOT_AVAILABLE))
                        .toList());
        m.put("referrals", s.referrals.size());
        m.put("closureDue", s.closureDue);
        m.put("referredAt", s.referredAt);
        m.put("lastProgressAt", s.lastProgressAt);
        m.put("status", s.status.name());
        ContactsOpener.OpenedFlags flags = opener.flags(s);
        m.put("flags", flags.flags());
        if (!flags.complete()) {
            m.put("flagsUnavailable", ContactsOpener.FLAGS_UNAVAILABLE);
        }
        m.put("possibleDuplicateOf", s.possibleDuplicateOf);
        m.put(
                "overdueActions",
                s.actions.stream().filter(a -> a.overdue && a.pending()).count());
        m.put("escalations", s.escalations.stream().map(e -> e.split("@")[0]).toList());
        m.put("nextDueAt", s.open() ? Timers.next(s, levels).orElse(null) : null);
        return m;
    }

    /**
     * The whole case, its pending timers, and each next step with whether the case allows it at {@code now}; its
     * contact details opened by {@code opener}.
     */
    public static ObjectNode detail(CaseState s, ServiceLevels levels, Instant now, ContactsOpener opener) {
        ObjectNode node = JSON.valueToTree(s);
        node.remove("deadlineKey");
        java.util.Set<org.rjhub.contracts.hub.PartyRole> withdrawn = new java.util.HashSet<>();
        s.progress.forEach((role, p) -> {
            if (p.withdrawn) {
                withdrawn.add(role);
            }
        });
        ArrayNode parties = node.putArray("parties");
        for (CaseState.PartyView party : s.parties) {
            Optional<CaseState.PartyView> opened = opener.open(party);
            ObjectNode p = parties.addObject();
            p.put("role", party.role().name());
            p.put("forename", opened.map(CaseState.PartyView::forename).orElse(""));
            p.put("surname", opened.map(CaseState.PartyView::surname).orElse(""));
            p.put("district", opened.map(CaseState.PartyView::district).orElse(null));
            if (opened.isEmpty()) {
                p.put("unavailable", ContactsOpener.NAME_UNAVAILABLE);
            }
        }
        ArrayNode contacts = node.putArray("contacts");
        for (StoredContacts stored : s.contacts.values()) {
            Optional<ReferralContacts> opened = opener.open(stored);
            ObjectNode c = JSON.valueToTree(opened.orElseGet(stored::clear).without(withdrawn));
            if (opened.isEmpty()) {
                c.put("unavailable", ContactsOpener.UNAVAILABLE);
            }
            contacts.add(c);
        }
        ArrayNode notes = node.putArray("notes");
        for (CaseState.Note note : s.notes) {
            Optional<CaseState.Note> opened = opener.open(note);
            ObjectNode n = notes.addObject();
            n.put("noteId", note.noteId());
            n.put("author", note.author());
            n.put("text", opened.map(CaseState.Note::text).orElse(""));
            n.set("writtenAt", JSON.valueToTree(note.writtenAt()));
            if (opened.isEmpty()) {
                n.put("unavailable", ContactsOpener.NOTE_UNAVAILABLE);
            }
        }
        if (s.offence != null && s.offence.description().isEmpty() && node.get("offence") instanceof ObjectNode o) {
            // kept without its wording (a service with a master key): the wording is in the case's sealed referrals
            Optional<String> wording = opener.offenceWording(s);
            o.put("description", wording.orElse(""));
            if (wording.isEmpty()) {
                o.put("unavailable", ContactsOpener.WORDING_UNAVAILABLE);
            }
        }
        // the flags opened per request (with a master key they are kept only sealed, in each referral's details)
        node.remove("details");
        ContactsOpener.OpenedFlags flags = opener.flags(s);
        node.set("flags", JSON.valueToTree(flags.flags()));
        if (!flags.complete()) {
            node.put("flagsUnavailable", ContactsOpener.FLAGS_UNAVAILABLE);
        }
        node.put("stage", stage(s));
        node.set("timers", JSON.valueToTree(Timers.pending(s, levels)));
        node.set("steps", JSON.valueToTree(NextSteps.of(s, now)));
        return node;
    }
}
