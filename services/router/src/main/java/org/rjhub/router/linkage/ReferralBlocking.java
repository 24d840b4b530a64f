package org.rjhub.router.linkage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.ReferralSummary;

/**
 * The blocking keys of a referral (a crime-reference key, and each party's person keys) and the
 * shards that own them. A key always lives on the same shard, so everyone who shares it meets
 * there; a referral sends one message per shard it touches, carrying all its keys on that shard.
 */
public final class ReferralBlocking {

    /** Prefix of crime-reference keys. */
    public static final String CRIME = "C:";
    /** Prefix of person keys. */
    public static final String PERSON = "P:";
    /**
     * Prefix of a key of the earlier rules in a probe ({@code E:P:...}): looked up on its shard, never stored under
     * ({@link BlockingKeys#ofEarlierRules}).
     */
    public static final String EARLIER = "E:";

    private ReferralBlocking() {}

    /** Key to the referral's parties that produce it, in a stable order (the crime key has none). */
    public static Map<String, List<BlockProbe.Member>> keys(ReferralSummary r) {
        return keys(r, false);
    }

    /**
     * Key to the referral's parties that produce it, in a stable order (the crime key has none).
     *
     * @param earlierRules also the keys of the earlier rules, prefixed {@link #EARLIER}: to be looked up, not stored
     *                     under, while a linkage store may hold referrals an earlier release stored under them
     */
    public static Map<String, List<BlockProbe.Member>> keys(ReferralSummary r, boolean earlierRules) {
        Map<String, List<BlockProbe.Member>> byKey = new LinkedHashMap<>();
        if (r.crimeReference() != null) {
            byKey.put(CRIME + r.crimeReference(), new ArrayList<>());
        }
        for (int i = 0; i < r.parties().size(); i++) {
            var p = r.parties().get(i);
            // normalised once, here: the shard compares the stored form without cleaning it again
            BlockProbe.Member m = BlockProbe.Member.of(
                    r.hubReferralId(),
                    i,
                    p.role(),
                    new PersonRecord(
                            r.hubReferralId() + "#" + i,
                            p.forename(),
                            p.surname(),
                            p.dateOfBirth(),
                            p.postcode(),
                            p.addressLine()));
            for (String key : BlockingKeys.of(m.person())) {
                byKey.computeIfAbsent(PERSON + key, k -> new ArrayList<>()).add(m);
            }
            if (earlierRules) {
                for (String key : BlockingKeys.ofEarlierRules(m.person())) {
                    byKey.computeIfAbsent(EARLIER + PERSON + key, k -> new ArrayList<>())
                            .add(m);
                }
            }
        }
        return byKey;
    }

    /** The referral's probes, one per shard it touches, by shard number. */
    public static Map<Integer, BlockProbe> probes(ReferralSummary r, int shards) {
        return probes(r, shards, false);
    }

    /**
     * The referral's probes, one per shard it touches, by shard number.
     *
     * @param earlierRules with the keys of the earlier rules to look up ({@link #keys(ReferralSummary, boolean)})
     */
    public static Map<Integer, BlockProbe> probes(ReferralSummary r, int shards, boolean earlierRules) {
        Map<Integer, Map<String, List<BlockProbe.Member>>> byShard = new TreeMap<>();
        keys(r, earlierRules)
                .forEach((key, members) -> byShard.computeIfAbsent(shardOf(key, shards), s -> new TreeMap<>())
                        .put(key, members));
        Map<Integer, BlockProbe> probes = new TreeMap<>();
        byShard.forEach((shard, keys) -> probes.put(shard, new BlockProbe(r.hubReferralId(), shard, keys)));
        return probes;
    }

    /** The key a probe's key of the earlier rules looks up, or null when {@code key} is one to store under. */
    public static String lookedUp(String key) {
        return key.startsWith(EARLIER) ? key.substring(EARLIER.length()) : null;
    }

    /**
     * The blocking rule a key comes from: {@code crime} for a crime reference, else the matching library's rule tag
     * ({@code ds}, {@code ps}, ...). Holds no personal data.
     */
    public static String rule(String key) {
        String lookedUp = lookedUp(key);
        if (lookedUp != null) {
            return rule(lookedUp);
        }
        if (key.startsWith(CRIME)) {
            return "crime";
        }
        int end = key.indexOf(':', PERSON.length());
        return end < 0 ? key.substring(PERSON.length()) : key.substring(PERSON.length(), end);
    }

    /**
     * The shard that owns a blocking key: Kafka's own murmur2 hash, so it is stable across releases. A key of the
     * earlier rules to look up goes to the shard of the key itself.
     */
    public static int shardOf(String key, int shards) {
        String lookedUp = lookedUp(key);
        if (lookedUp != null) {
            return shardOf(lookedUp, shards);
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % shards;
    }
}
