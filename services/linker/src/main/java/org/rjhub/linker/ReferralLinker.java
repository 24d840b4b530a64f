package org.rjhub.linker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.CaseIds;
import org.rjhub.matching.Clustering;
import org.rjhub.matching.Decision;
import org.rjhub.matching.HumanDecisions;
import org.rjhub.matching.PersonClusterer;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.RecordPair;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;

/**
 * Links a batch of referrals into cases as the router's case graph does, and the people named in them into persons.
 *
 * <p>Each party is a person record with the id {@code <hub referral id>#<party index>}, e.g.
 * {@code POLICE/PR-2026-000123#1}, the id the router's blocking gives it. Persons are the {@link PersonClusterer}'s
 * clusters of all parties of all referrals. Two referrals are one case when they share a crime reference (compared
 * without spaces and case) or when a party of one and a party of the other share a blocking key and score
 * {@link Decision#MATCH}, their roles being equal or either {@code OTHER_PARTY}; a case is a connected component. A
 * kept-apart pair of parties is not such a link; a confirmed pair is one, whatever the roles. A case is named
 * {@link CaseIds#of} its smallest hub referral id, so the result does not depend on the order of the input (the live
 * router names a case after the referral that opened it, which depends on arrival order). Two parties of one referral
 * are never one person unless a person confirmed it: a referral names each party once.
 */
final class ReferralLinker {

    private static final String OTHER_PARTY = "OTHER_PARTY";

    private final PersonMatcher matcher;
    private final PersonClusterer clusterer;

    ReferralLinker(PersonMatcher matcher) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.clusterer = new PersonClusterer(matcher);
    }

    /**
     * One referral's place in the result.
     *
     * @param summary   the referral
     * @param caseId    its case
     * @param personIds the person of each party, in party order
     */
    record LinkedReferral(ReferralSummary summary, String caseId, List<String> personIds) {
        LinkedReferral {
            personIds = List.copyOf(personIds);
        }
    }

    /**
     * The linked batch.
     *
     * @param referrals   every referral, sorted by case id, then hub referral id
     * @param persons     the clustering of all parties
     * @param parties     how many parties the referrals name
     * @param cases       how many cases
     */
    record Result(List<LinkedReferral> referrals, Clustering persons, int parties, long cases) {
        Result {
            referrals = List.copyOf(referrals);
        }
    }

    /** The person record id of a referral's party. */
    static String partyId(String hubReferralId, int partyIndex) {
        return hubReferralId + "#" + partyIndex;
    }

    /**
     * Links the referrals.
     *
     * @param referrals referrals with distinct hub referral ids
     * @param decisions people's decisions about pairs of parties
     */
    Result link(List<ReferralSummary> referrals, HumanDecisions decisions) {
        List<ReferralSummary> sorted = new ArrayList<>(referrals);
        sorted.sort(Comparator.comparing(ReferralSummary::hubReferralId));
        List<Party> parties = new ArrayList<>();
        Map<String, Integer> referralOfParty = new HashMap<>();
        for (int r = 0; r < sorted.size(); r++) {
            ReferralSummary referral = sorted.get(r);
            for (int i = 0; i < referral.parties().size(); i++) {
                PartySummary p = referral.parties().get(i);
                PersonRecord person = PersonRecord.normalised(
                        partyId(referral.hubReferralId(), i),
                        p.forename(),
                        p.surname(),
                        p.dateOfBirth(),
                        p.postcode(),
                        p.addressLine());
                parties.add(new Party(r, p.role(), person));
                referralOfParty.put(person.id(), r);
            }
        }
        Clustering persons = clusterer.cluster(
                parties.stream().map(Party::person).toList(), withPartiesOfOneReferralApart(sorted, decisions));

        int[] caseOf = new int[sorted.size()];
        for (int r = 0; r < caseOf.length; r++) {
            caseOf[r] = r;
        }
        Map<String, Integer> byCrimeReference = new HashMap<>();
        for (int r = 0; r < sorted.size(); r++) {
            String crime = sorted.get(r).crimeReference();
            Integer first = crime == null ? null : byCrimeReference.putIfAbsent(crime, r);
            if (first != null) {
                union(caseOf, first, r);
            }
        }
        linkMatchingParties(parties, decisions, caseOf);
        for (RecordPair confirmed : decisions.linkConfirmed()) {
            Integer a = referralOfParty.get(confirmed.first());
            Integer b = referralOfParty.get(confirmed.second());
            if (a != null && b != null) {
                union(caseOf, a, b);
            }
        }

        // referrals are sorted by hub id, so a component's smallest index holds its smallest id
        Map<Integer, String> caseIdOfRoot = new HashMap<>();
        List<LinkedReferral> linked = new ArrayList<>(sorted.size());
        for (int r = 0; r < sorted.size(); r++) {
            ReferralSummary referral = sorted.get(r);
            String caseId = caseIdOfRoot.computeIfAbsent(find(caseOf, r), root -> CaseIds.of(referral.hubReferralId()));
            List<String> personIds = new ArrayList<>();
            for (int i = 0; i < referral.parties().size(); i++) {
                personIds.add(persons.clusterOf(partyId(referral.hubReferralId(), i)));
            }
            linked.add(new LinkedReferral(referral, caseId, personIds));
        }
        linked.sort(Comparator.comparing(LinkedReferral::caseId)
                .thenComparing(l -> l.summary().hubReferralId()));
        return new Result(linked, persons, parties.size(), caseIdOfRoot.size());
    }

    /**
     * The decisions, with the parties of each referral kept apart (unless a person linked them): a referral names
     * each of its parties once, and the router never compares two parties of one referral. Without this, a mother
     * and daughter at one address with similar forenames (Charlotte and Chloe) can score as one person.
     */
    private static HumanDecisions withPartiesOfOneReferralApart(
            List<ReferralSummary> referrals, HumanDecisions decisions) {
        Set<RecordPair> apart = new HashSet<>(decisions.keepApart());
        for (ReferralSummary referral : referrals) {
            int count = referral.parties().size();
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    RecordPair pair =
                            RecordPair.of(partyId(referral.hubReferralId(), i), partyId(referral.hubReferralId(), j));
                    if (!decisions.linkConfirmed().contains(pair)) {
                        apart.add(pair);
                    }
                }
            }
        }
        return new HumanDecisions(apart, decisions.linkConfirmed());
    }

    /**
     * Joins the referrals of every pair of parties, from different referrals, that share a blocking key, may be the
     * same party by role, and score MATCH; blocks too large to be selective are skipped, as the clusterer skips them.
     */
    private void linkMatchingParties(List<Party> parties, HumanDecisions decisions, int[] caseOf) {
        Map<String, List<Integer>> blocks = new TreeMap<>();
        for (int i = 0; i < parties.size(); i++) {
            for (String key : BlockingKeys.of(parties.get(i).person())) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> compared = new HashSet<>();
        for (List<Integer> block : blocks.values()) {
            if (block.size() > PersonClusterer.DEFAULT_MAX_BLOCK_SIZE) {
                continue;
            }
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    Party a = parties.get(block.get(x));
                    Party b = parties.get(block.get(y));
                    if (a.referral() == b.referral()
                            || !a.comparableWith(b)
                            || !compared.add((long) block.get(x) * parties.size() + block.get(y))
                            || decisions
                                    .keepApart()
                                    .contains(RecordPair.of(
                                            a.person().id(), b.person().id()))) {
                        continue;
                    }
                    if (matcher.score(a.person(), b.person()).decision() == Decision.MATCH) {
                        union(caseOf, a.referral(), b.referral());
                    }
                }
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins two components, the smaller root becoming the root. */
    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }

    /** A party: its referral (index into the sorted referrals), role and person record. */
    private record Party(int referral, String role, PersonRecord person) {
        boolean comparableWith(Party other) {
            return role.equals(other.role) || OTHER_PARTY.equals(role) || OTHER_PARTY.equals(other.role);
        }
    }
}
