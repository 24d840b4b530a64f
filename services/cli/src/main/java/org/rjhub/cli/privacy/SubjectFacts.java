package org.rjhub.cli.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseSnapshot;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.ReferralSnapshot;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.facts.Minimiser;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.facts.Pseudonymiser;
import org.rjhub.reporting.facts.ReferralDetails;

/**
 * A person's reporting facts: the subject's pseudonyms (their agency referrals, their hub cases, their justice
 * identifiers) computed under every version of the facts service's key, as the facts service makes them, then the
 * facts on {@code rj.reporting.case-facts.v1} and the rows of the reporting database carrying them. Nothing about
 * anyone else: another referral of their case is left out, so are the other parties of their referrals (by position
 * and person pseudonym) and the facts, contacts, consents and declines of a role the subject does not have in that
 * case; what is left of a case (its status, district, dates) is the subject's case as reporting holds it.
 */
public final class SubjectFacts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Set<Integer> versions;
    private final Set<String> referralKeys = new TreeSet<>();
    private final Set<String> caseKeys = new TreeSet<>();
    private final Set<String> personKeys = new TreeSet<>();
    /** By referral pseudonym (every version): the positions of the subject's parties. */
    private final Map<String, Set<Integer>> ownParties = new HashMap<>();
    /** By case pseudonym (every version): the roles the subject has in the case. */
    private final Map<String, Set<PartyRole>> roles = new HashMap<>();

    public SubjectFacts(PseudonymKeys keys, SubjectAccess.Findings found) {
        Pseudonymiser pseudonyms = Pseudonymiser.withKeys(keys);
        this.versions = Set.copyOf(keys.versions());
        for (String id : found.agencyReferrals()) {
            int colon = id.indexOf(':');
            String referral =
                    pseudonyms.referralKey(SourceAgency.valueOf(id.substring(0, colon)), id.substring(colon + 1));
            Set<Integer> positions = new HashSet<>();
            Set<PartyRole> rolesHere = new HashSet<>();
            SubjectAccess.Own own = found.referrals().get(id);
            if (own != null) {
                List<ReferralDetails.Party> parties =
                        Minimiser.referral(own.referral(), pseudonyms).parties();
                for (int i : own.parties()) {
                    positions.add(i);
                    rolesHere.add(parties.get(i).role());
                    if (parties.get(i).personKey() != null) {
                        everyVersion(pseudonyms, parties.get(i).personKey(), personKeys);
                    }
                }
            }
            for (String published : everyVersion(pseudonyms, referral, referralKeys)) {
                ownParties.put(published, positions);
            }
            String hubCase = found.caseOf().get(id);
            if (hubCase != null) {
                for (String published : everyVersion(pseudonyms, pseudonyms.caseKey(hubCase), caseKeys)) {
                    roles.computeIfAbsent(published, k -> new HashSet<>()).addAll(rolesHere);
                }
            }
        }
    }

    private List<String> everyVersion(Pseudonymiser pseudonyms, String internal, Set<String> into) {
        List<String> published = new ArrayList<>();
        for (int v : versions) {
            published.add(pseudonyms.publish(internal, v));
        }
        into.addAll(published);
        return published;
    }

    /** The key versions the pseudonyms were computed under. */
    public Set<Integer> keyVersions() {
        return new TreeSet<>(versions);
    }

    /** The subject's facts among {@code facts} (as read from the facts topic), each with only what is theirs. */
    public List<CaseFact> fromTopic(List<CaseFact> facts) {
        List<CaseFact> out = new ArrayList<>();
        for (CaseFact f : facts) {
            boolean ours = f.getReferralKey() != null
                    ? referralKeys.contains(f.getReferralKey())
                    : f.getCaseKey() != null && caseKeys.contains(f.getCaseKey());
            if (!ours || !ofTheirRole(f.getCaseKey(), f.getPartyRole())) {
                continue;
            }
            CaseFact.Builder b = CaseFact.newBuilder(f);
            if (f.getReferral() != null) {
                b.setReferral(own(f.getReferral()));
            }
            if (f.getCaseState() != null) {
                b.setCaseState(own(f.getCaseKey(), f.getCaseState()));
            }
            b.setPseudonymLinks(f.getPseudonymLinks().stream()
                    .filter(l -> isTheirs(l.getPseudonym()) || isTheirs(l.getPrevious()))
                    .toList());
            out.add(b.build());
        }
        return out;
    }

    private boolean isTheirs(String pseudonym) {
        return referralKeys.contains(pseudonym) || caseKeys.contains(pseudonym) || personKeys.contains(pseudonym);
    }

    /** A fact about one party is theirs only when the subject has that role in the case. */
    private boolean ofTheirRole(String caseKey, Object role) {
        return role == null
                || roles.getOrDefault(caseKey, Set.of()).stream()
                        .anyMatch(r -> r.name().equals(role.toString()));
    }

    private ReferralSnapshot own(ReferralSnapshot s) {
        Set<Integer> positions = ownParties.getOrDefault(s.getReferralKey(), Set.of());
        List<PartySnapshot> parties = new ArrayList<>();
        for (int i = 0; i < s.getParties().size(); i++) {
            PartySnapshot p = s.getParties().get(i);
            if (positions.contains(i) || (p.getPersonKey() != null && personKeys.contains(p.getPersonKey()))) {
                parties.add(p);
            }
        }
        return ReferralSnapshot.newBuilder(s).setParties(parties).build();
    }

    private CaseSnapshot own(String caseKey, CaseSnapshot c) {
        Set<PartyRole> theirs = roles.getOrDefault(caseKey, Set.of());
        return CaseSnapshot.newBuilder(c)
                .setReferrals(c.getReferrals().stream()
                        .filter(r -> referralKeys.contains(r.getReferralKey()))
                        .map(this::own)
                        .toList())
                .setContactedParties(c.getContactedParties().stream()
                        .filter(theirs::contains)
                        .toList())
                .setConsentedParties(c.getConsentedParties().stream()
                        .filter(theirs::contains)
                        .toList())
                .setDeclines(c.getDeclines().stream()
                        .filter(d -> theirs.contains(d.getPartyRole()))
                        .toList())
                .build();
    }

    /**
     * The subject's rows of the reporting database (read only): their facts, referrals, parties, cases, declines and
     * pseudonym links, each table as an array of rows (column to value).
     */
    public ObjectNode fromDatabase(Connection db) throws SQLException {
        ObjectNode out = JSON.objectNode();
        Set<String> all = new TreeSet<>(referralKeys);
        all.addAll(caseKeys);
        all.addAll(personKeys);
        out.set(
                "rpt_facts",
                rows(
                        db,
                        "SELECT * FROM rpt_facts WHERE referral_key IN (%s) OR (referral_key IS NULL AND case_key IN"
                                + " (%s)) ORDER BY case_key, referral_key, seq",
                        List.of(referralKeys, caseKeys),
                        row -> ofTheirRole(row.path("case_key").asText(null), role(row))));
        out.set(
                "rpt_referrals",
                rows(db, "SELECT * FROM rpt_referrals WHERE referral_key IN (%s)", List.of(referralKeys), row -> true));
        out.set(
                "rpt_referral_parties",
                rows(
                        db,
                        "SELECT * FROM rpt_referral_parties WHERE referral_key IN (%s) ORDER BY referral_key, item_no",
                        List.of(referralKeys),
                        row -> ownParties
                                        .getOrDefault(row.path("referral_key").asText(), Set.of())
                                        .contains(row.path("item_no").asInt())
                                || personKeys.contains(row.path("person_key").asText(""))));
        out.set(
                "rpt_cases",
                rows(db, "SELECT * FROM rpt_cases WHERE case_key IN (%s)", List.of(caseKeys), row -> true));
        out.set(
                "rpt_case_declines",
                rows(
                        db,
                        "SELECT * FROM rpt_case_declines WHERE case_key IN (%s) ORDER BY case_key, item_no",
                        List.of(caseKeys),
                        row -> ofTheirRole(row.path("case_key").asText(null), role(row))));
        out.set(
                "rpt_pseudonym_links",
                rows(
                        db,
                        "SELECT * FROM rpt_pseudonym_links WHERE pseudonym IN (%s) OR canonical IN (%s)",
                        List.of(all, all),
                        row -> true));
        return out;
    }

    private static String role(ObjectNode row) {
        return row.path("party_role").isNull() ? null : row.path("party_role").asText(null);
    }

    /**
     * The rows of {@code sql}, each {@code %s} a list of placeholders for one of {@code values}, kept when {@code
     * keep} says so.
     */
    private static ArrayNode rows(Connection db, String sql, List<Set<String>> values, Predicate<ObjectNode> keep)
            throws SQLException {
        ArrayNode out = JSON.arrayNode();
        if (values.stream().allMatch(Collection::isEmpty)) {
            return out;
        }
        Object[] lists = values.stream()
                .map(v -> v.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(v.size(), "?")))
                .toArray();
        try (PreparedStatement st = db.prepareStatement(String.format(Locale.ROOT, sql, lists))) {
            int i = 1;
            for (Set<String> v : values) {
                for (String s : v) {
                    st.setString(i++, s);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    ObjectNode row = JSON.objectNode();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String name = meta.getColumnLabel(c).toLowerCase(Locale.ROOT);
                        Object value = rs.getObject(c);
                        if (value == null) {
                            row.putNull(name);
                        } else if (value instanceof Number n) {
                            row.put(name, new java.math.BigDecimal(n.toString()));
                        } else {
                            row.put(name, value.toString());
                        }
                    }
                    if (keep.test(row)) {
                        out.add(row);
                    }
                }
            }
        }
        return out;
    }
}
