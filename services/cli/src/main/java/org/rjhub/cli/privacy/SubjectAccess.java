package org.rjhub.cli.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.dlq.inspect.Masking;
import org.rjhub.matching.Decision;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;

/**
 * A subject access request's answer from what the hub holds: the referrals that name the person (the router's own
 * person matcher deciding, {@code MATCH} only, against the details asked and those of each referral found), and by
 * their ids the outcomes, the case events, the queue items and the
 * dead letters about them. Nothing about anyone else: other parties are left out of referrals and queue items, and
 * every field of a case event the contract does not classify operational (the staff who recorded it) is masked.
 * Parties the matcher rates only {@code REVIEW} are not exported but counted, for a person to check by hand.
 */
public final class SubjectAccess {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Who asks: as they identify themselves (a date of birth and a postcode make the match surer). */
    public record Subject(String forename, String surname, LocalDate dateOfBirth, String postcode) {}

    /**
     * A dead letter with its original record mapped to the canonical form, when it could be read.
     *
     * @param letter   the dead letter, opened
     * @param referral its original as a canonical referral, or {@code null}
     */
    public record DeadLetterAbout(DeadLetter letter, Referral referral) {}

    /**
     * What the last {@link #export} found: the referrals naming the subject with the positions of their own parties,
     * every agency referral about them (dead-lettered ones too, as {@code AGENCY:ID}), and the hub case of each.
     *
     * @param referrals       by {@code AGENCY:ID}: the referral and the positions of the subject's parties in it
     * @param agencyReferrals every agency referral about the subject, {@code AGENCY:ID}
     * @param caseOf          the hub case each agency referral was last placed in, as the outcomes said
     */
    public record Findings(Map<String, Own> referrals, Set<String> agencyReferrals, Map<String, String> caseOf) {}

    /** A referral naming the subject, and the positions of the subject's own parties in it. */
    public record Own(Referral referral, List<Integer> parties) {}

    private final PersonMatcher matcher = PersonMatcher.withDefaults();
    private final PersonRecord subject;
    /** The subject as asked, then as each referral found so far gave them (a nickname, a newer address ...). */
    private final List<PersonRecord> identities = new ArrayList<>();

    private final Subject asked;
    private int withheld;
    private Findings findings = new Findings(Map.of(), Set.of(), Map.of());

    public SubjectAccess(Subject asked) {
        this.asked = asked;
        this.subject = PersonRecord.normalised(
                "subject", asked.forename(), asked.surname(), asked.dateOfBirth(), asked.postcode(), null);
    }

    /** The subject's own parties in a referral (empty when it does not name them). */
    public List<CanonicalParty> partiesOf(Referral referral) {
        List<CanonicalParty> own = new ArrayList<>();
        for (CanonicalParty p : referral.getParties()) {
            if (decision(party(p)) == Decision.MATCH) {
                own.add(p);
            }
        }
        return own;
    }

    /** The best decision over every identity of the subject known so far. */
    private Decision decision(PersonRecord party) {
        Decision best = Decision.NO_MATCH;
        for (PersonRecord identity : identities) {
            Decision d = matcher.score(identity, party).decision();
            if (d == Decision.MATCH) {
                return d;
            }
            if (d == Decision.REVIEW) {
                best = d;
            }
        }
        return best;
    }

    private static PersonRecord party(CanonicalParty p) {
        return PersonRecord.normalised(
                "party", p.getForename(), p.getSurname(), p.getDateOfBirth(), p.getPostcode(), null);
    }

    /**
     * The referrals naming the subject, by agency referral, with their parties: found by the subject's details, then
     * again by the details each referral found gave (so a probation referral with a nickname and a newer address is
     * found through the police referral with both), until nothing new is found.
     */
    private Map<String, List<CanonicalParty>> find(List<Referral> referrals) {
        identities.clear();
        identities.add(subject);
        Map<String, List<CanonicalParty>> found = new LinkedHashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Referral r : referrals) {
                String id = r.getSourceAgency() + ":" + r.getAgencyReferralId();
                if (found.containsKey(id)) {
                    continue;
                }
                List<CanonicalParty> own = partiesOf(r);
                if (!own.isEmpty()) {
                    found.put(id, own);
                    own.forEach(p -> identities.add(party(p)));
                    grew = true;
                }
            }
        }
        for (Referral r : referrals) {
            if (!found.containsKey(r.getSourceAgency() + ":" + r.getAgencyReferralId())) {
                r.getParties().stream()
                        .filter(p -> decision(party(p)) == Decision.REVIEW)
                        .forEach(p -> withheld++);
            }
        }
        return found;
    }

    /** The export, as one JSON document. */
    public ObjectNode export(
            List<Referral> referrals,
            List<Outcome> outcomes,
            List<CaseEvent> caseEvents,
            List<QueueItem> queueItems,
            List<DeadLetterAbout> deadLetters,
            Instant now) {
        withheld = 0;
        ObjectNode out = JSON.objectNode();
        ObjectNode who = out.putObject("subject");
        who.put("forename", asked.forename());
        who.put("surname", asked.surname());
        who.put(
                "dateOfBirth",
                asked.dateOfBirth() == null ? null : asked.dateOfBirth().toString());
        out.put("generatedAt", now.toString());
        Set<String> agencyReferrals = new LinkedHashSet<>();
        Map<String, Own> owns = new LinkedHashMap<>();
        ArrayNode refs = out.putArray("referrals");
        Map<String, List<CanonicalParty>> found = find(referrals);
        for (Referral r : referrals) {
            String id = r.getSourceAgency() + ":" + r.getAgencyReferralId();
            if (found.containsKey(id)) {
                agencyReferrals.add(id);
                refs.add(onlyOwn(r, found.get(id)));
                owns.put(
                        id,
                        new Own(
                                r,
                                found.get(id).stream()
                                        .map(r.getParties()::indexOf)
                                        .toList()));
            }
        }
        ArrayNode letters = out.putArray("deadLetters");
        for (DeadLetterAbout d : deadLetters) {
            List<CanonicalParty> own = d.referral() == null ? List.of() : partiesOf(d.referral());
            boolean same = d.letter().getAgency() != null
                    && agencyReferrals.contains(
                            d.letter().getAgency() + ":" + d.letter().getAgencyReferralId());
            if (!own.isEmpty() || same) {
                ObjectNode letter = AvroJson.of(d.letter());
                letter.remove(List.of("originalKey", "originalValue"));
                letter.set("original", d.referral() == null ? null : onlyOwn(d.referral(), own));
                letters.add(letter);
                if (d.letter().getAgency() != null) {
                    agencyReferrals.add(
                            d.letter().getAgency() + ":" + d.letter().getAgencyReferralId());
                }
            }
        }
        Set<String> cases = new LinkedHashSet<>();
        Map<String, String> caseOf = new LinkedHashMap<>();
        ArrayNode outs = out.putArray("outcomes");
        for (Outcome o : outcomes) {
            String id = o.getAgency() + ":" + o.getAgencyReferralId();
            if (agencyReferrals.contains(id)) {
                outs.add(AvroJson.of(o));
                if (o.getHubCaseId() != null) {
                    cases.add(o.getHubCaseId());
                    caseOf.put(id, o.getHubCaseId());
                }
            }
        }
        findings = new Findings(Map.copyOf(owns), Set.copyOf(agencyReferrals), Map.copyOf(caseOf));
        ArrayNode events = out.putArray("caseEvents");
        for (CaseEvent e : caseEvents) {
            if (cases.contains(e.getCaseId())) {
                events.add(Masking.mask(AvroJson.of(e), CaseEvent.getClassSchema()));
            }
        }
        ArrayNode items = out.putArray("queueItems");
        for (QueueItem q : queueItems) {
            if (cases.contains(q.getCaseId())) {
                ObjectNode item = AvroJson.of(q);
                ArrayNode parties = item.putArray("parties");
                q.getParties().stream()
                        .filter(p -> matches(p.getForename(), p.getSurname()))
                        .forEach(p -> parties.add(AvroJson.of(p)));
                items.add(item);
            }
        }
        out.put("possibleMatchesWithheld", withheld);
        out.put("notIncluded", "the agencies' own topics (each agency answers for its own records)");
        return out;
    }

    /** What the last {@link #export} found, for the reporting facts ({@link SubjectFacts}). */
    public Findings findings() {
        return findings;
    }

    private boolean matches(String forename, String surname) {
        return decision(PersonRecord.normalised("party", forename, surname, null, null, null)) == Decision.MATCH;
    }

    private static ObjectNode onlyOwn(Referral r, List<CanonicalParty> own) {
        ObjectNode json = AvroJson.of(r);
        ArrayNode parties = json.putArray("parties");
        own.forEach(p -> parties.add(AvroJson.of(p)));
        return json;
    }
}
