package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.Decision;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.PreparedPerson;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;

/**
 * A benchmark that prints how the blocking keys' blocks grow with history, without a broker: the simulator's valid
 * referrals in arrival order (batches of different seeds, so people never repeat across batches), each party's keys
 * as the router makes them, every key's block as a shard holds it (a key past the cap used for no one). At each
 * checkpoint it takes the next {@code window} referrals and prints, per referral, the candidates a shard would compare
 * (party pairs sharing a usable key, roles comparable, each pair once) and per rule, and over those referrals' true
 * pairs (the same synthetic person in two referrals) how many share a usable key (blocking recall), how many the
 * matcher then links ({@code MATCH}) and how many more it sends to review ({@code REVIEW}), and how many candidate
 * pairs of different people it links or sends to review. Once for the shipped rules, once for the rules before December
 * 2026 ({@link #earlierRules}).
 *
 * <p>Run from {@code services/router}: {@code java -Xmx8g -cp <router test classpath>
 * org.rjhub.router.linkage.BlockingGrowthBench [referrals, default 300000] [cap, default 500] [window, default 2000]};
 * the figures in {@code DESIGN.md} come from {@code 102000 500 2000} (the default takes minutes and several GB with the
 * earlier rules) and, for the shipped rules only ({@code -DshippedOnly=true}), {@code 1002000 500 2000} (a minute and a
 * half, {@code -Xmx10g}).
 */
public final class BlockingGrowthBench {

    private static final int INCIDENTS_PER_BATCH = 20_000;
    private static final PersonMatcher MATCHER = PersonMatcher.withDefaults();
    /** The tags of {@link BlockingKeys#ofEarlierRules}' rules shipped before December 2026. */
    private static final Set<String> BEFORE_DECEMBER = Set.of("dob", "sy", "gy", "gd", "sg", "nn", "hs");

    private BlockingGrowthBench() {}

    /** One party of the stream: its referral's position, role, person, and the synthetic person it is. */
    private record Party(int referral, String role, PersonRecord person, String truth) {}

    public static void main(String[] args) {
        int referrals = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int cap = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        List<Integer> checkpoints = new ArrayList<>();
        for (int c : new int[] {10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000}) {
            if (c + window <= referrals) {
                checkpoints.add(c);
            }
        }
        List<Party> parties = new ArrayList<>();
        List<int[]> partiesOf = new ArrayList<>();
        generate(referrals, parties, partiesOf);
        System.out.printf(
                "%d referrals, %d parties; cap %d, window %d%n", partiesOf.size(), parties.size(), cap, window);
        Map<String, Function<PersonRecord, Set<String>>> ruleSets = new LinkedHashMap<>();
        ruleSets.put("shipped rules (BlockingKeys)", BlockingKeys::of);
        if (!Boolean.getBoolean("shippedOnly")) {
            ruleSets.put(
                    "the rules before December 2026 (name-only keys among them)", BlockingGrowthBench::earlierRules);
        }
        for (var ruleSet : ruleSets.entrySet()) {
            run(ruleSet.getKey(), ruleSet.getValue(), parties, partiesOf, checkpoints, cap, window);
        }
    }

    /**
     * The rules shipped until December 2026, for the comparison: the household keys the rules still have ({@code ps},
     * {@code hp}) and the one they had ({@code hs}), and the date of birth alone, names alone, names with a year or a
     * postcode district, which grow with every referral.
     */
    static Set<String> earlierRules(PersonRecord r) {
        Set<String> keys = new LinkedHashSet<>();
        BlockingKeys.ofEarlierRules(r).stream()
                .filter(k -> BEFORE_DECEMBER.contains(ReferralBlocking.rule(ReferralBlocking.PERSON + k)))
                .forEach(keys::add);
        BlockingKeys.of(r).stream()
                .filter(k -> k.startsWith("ps:") || k.startsWith("hp:"))
                .forEach(keys::add);
        return keys;
    }

    private static void generate(int referrals, List<Party> parties, List<int[]> partiesOf) {
        for (int batch = 1; partiesOf.size() < referrals; batch++) {
            Batch b = new AgencySimulator(batch).generate(INCIDENTS_PER_BATCH);
            for (int i = 0; i < b.size() && partiesOf.size() < referrals; i++) {
                Expectation e = b.expectation(i);
                if (e.kind() != Expectation.Kind.VALID) {
                    continue;
                }
                AgencyRecord record = b.record(i);
                ReferralSummary summary = ReferralSummary.of(
                        NormalisedMemberTest.canonical(record).referral());
                List<String> truth = new ArrayList<>(e.personIds().values());
                if (truth.size() != summary.parties().size()) {
                    continue;
                }
                int referral = partiesOf.size();
                int[] own = new int[truth.size()];
                for (int p = 0; p < truth.size(); p++) {
                    var party = summary.parties().get(p);
                    BlockProbe.Member m = BlockProbe.Member.of(
                            "R" + referral,
                            p,
                            party.role(),
                            new PersonRecord(
                                    "R" + referral + "#" + p,
                                    party.forename(),
                                    party.surname(),
                                    party.dateOfBirth(),
                                    party.postcode(),
                                    party.addressLine()));
                    own[p] = parties.size();
                    parties.add(new Party(referral, m.role().intern(), m.person(), batch + ":" + truth.get(p)));
                }
                partiesOf.add(own);
            }
        }
    }

    private static void run(
            String name,
            Function<PersonRecord, Set<String>> rules,
            List<Party> parties,
            List<int[]> partiesOf,
            List<Integer> checkpoints,
            int cap,
            int window) {
        Map<String, int[]> blocks = new HashMap<>(); // key -> [size, members...]
        Set<String> retired = new HashSet<>();
        Map<String, Integer> lastSeen = new HashMap<>(); // synthetic person -> last party
        System.out.printf("%n== %s ==%n", name);
        System.out.printf(
                "%-9s %-12s %-9s %-44s %-10s %-10s %-10s %-11s %-9s %-13s%n",
                "history",
                "comparisons",
                "blocks>cap",
                "per rule (rule:comparisons)",
                "true pairs",
                "blocked",
                "linked",
                "false links",
                "reviewed",
                "false reviews");
        int next = 0;
        for (int checkpoint : checkpoints) {
            for (; next < checkpoint; next++) {
                add(next, rules, parties, partiesOf, blocks, retired, cap, lastSeen);
            }
            long comparisons = 0;
            long truePairs = 0;
            long blocked = 0;
            long linked = 0;
            long falseLinks = 0;
            long reviewed = 0;
            long falseReviews = 0;
            Map<String, Long> byRule = new HashMap<>();
            for (int end = checkpoint + window; next < end; next++) {
                int[] own = partiesOf.get(next);
                for (int p : own) {
                    Party party = parties.get(p);
                    Set<Integer> found = new HashSet<>();
                    for (String key : rules.apply(party.person())) {
                        int[] block = retired.contains(key) ? null : blocks.get(key);
                        if (block == null) {
                            continue;
                        }
                        long inRule = 0;
                        for (int m = 1; m <= block[0]; m++) {
                            Party stored = parties.get(block[m]);
                            if (stored.referral() != next
                                    && BlockProbe.Member.comparableRoles(party.role(), stored.role())
                                    && found.add(block[m])) {
                                inRule++;
                            }
                        }
                        byRule.merge(ReferralBlocking.rule(ReferralBlocking.PERSON + key), inRule, Long::sum);
                    }
                    comparisons += found.size();
                    PreparedPerson prepared = PreparedPerson.of(party.person());
                    boolean sameFound = false;
                    boolean sameLinked = false;
                    boolean sameReviewed = false;
                    for (int s : found) {
                        Party stored = parties.get(s);
                        Decision decision = MATCHER.score(prepared, PreparedPerson.of(stored.person()))
                                .decision();
                        if (stored.truth().equals(party.truth())) {
                            sameFound = true;
                            sameLinked |= decision == Decision.MATCH;
                            sameReviewed |= decision == Decision.REVIEW;
                        } else if (decision == Decision.MATCH) {
                            falseLinks++;
                        } else if (decision == Decision.REVIEW) {
                            falseReviews++;
                        }
                    }
                    Integer earlier = lastSeen.get(party.truth());
                    if (earlier != null && parties.get(earlier).referral() != next) {
                        // the person met before: found (and linked) if any earlier appearance is
                        truePairs++;
                        blocked += sameFound ? 1 : 0;
                        linked += sameLinked ? 1 : 0;
                        reviewed += !sameLinked && sameReviewed ? 1 : 0;
                    }
                }
                add(next, rules, parties, partiesOf, blocks, retired, cap, lastSeen);
            }
            StringBuilder perRule = new StringBuilder();
            byRule.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(r -> perRule.append(r.getKey())
                            .append(':')
                            .append(String.format("%.1f", r.getValue() / (double) window))
                            .append(' '));
            System.out.printf(
                    "%-9d %-12.1f %-9d %-44s %-10d %-10d %-10d %-11d %-9d %-13d%n",
                    checkpoint,
                    comparisons / (double) window,
                    retired.size(),
                    perRule.toString().strip(),
                    truePairs,
                    blocked,
                    linked,
                    falseLinks,
                    reviewed,
                    falseReviews);
        }
    }

    private static void add(
            int referral,
            Function<PersonRecord, Set<String>> rules,
            List<Party> parties,
            List<int[]> partiesOf,
            Map<String, int[]> blocks,
            Set<String> retired,
            int cap,
            Map<String, Integer> lastSeen) {
        for (int p : partiesOf.get(referral)) {
            Party party = parties.get(p);
            lastSeen.put(party.truth(), p);
            for (String key : rules.apply(party.person())) {
                if (retired.contains(key)) {
                    continue;
                }
                int[] block = blocks.get(key);
                if (block == null) {
                    block = new int[4];
                } else if (block[0] + 1 == block.length) {
                    block = Arrays.copyOf(block, block.length * 2);
                }
                block[++block[0]] = p;
                if (block[0] > cap) {
                    retired.add(key);
                    blocks.remove(key);
                } else {
                    blocks.put(key, block);
                }
            }
        }
    }
}
