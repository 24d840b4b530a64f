package org.rjhub.router.linkage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.BinaryIn;
import org.rjhub.common.serde.BinaryOut;
import org.rjhub.matching.ReferralSummary;

/**
 * Linkage with a master key: what the blocking shards are sent and keep names no one in clear, and a referral's
 * people go with its data key ({@code hub erase}).
 *
 * <ul>
 *   <li>A blocking key (a name, a date of birth, a postcode, a crime reference ...) is replaced by a keyed pseudonym,
 *       HMAC-SHA256 under a secret the master key file derives ({@link MasterKey#derivedSecret}), its rule kept in
 *       clear for the comparison counts: {@code P:dob:<pseudonym>}, {@code C:<pseudonym>}. Equal keys give equal
 *       pseudonyms, so the same people meet in the same blocks on the same shards (the shard is chosen from the key
 *       in clear, in memory) and are compared exactly as before.
 *   <li>Each party's matching fields are sealed under the referral's data key (the one that seals it on {@code
 *       rj.referrals.v1}), the associated data the key id and the party's position; the shard opens them to compare,
 *       in memory only, with the key its global store of {@code rj.data-keys.v1} holds ({@link MemberOpener}).
 * </ul>
 */
public final class SealedLinkage {

    /** What the derived secret is for; a new purpose is a new secret (and every block rebuilt). */
    static final String PURPOSE = "router blocking-key pseudonyms v1";

    /** The sealed field's name in the associated data, with the party's position after it. */
    static final String FIELD = "linkage-member#";

    private final ThreadLocal<Mac> macs;

    public SealedLinkage(MasterKey master) {
        byte[] secret = master.derivedSecret(PURPOSE);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /**
     * A blocking key's pseudonym, its rule kept: {@code P:<rule>:<pseudonym>}, or {@code C:<pseudonym>}; a key of the
     * earlier rules to look up keeps its prefix: {@code E:P:<rule>:<pseudonym>}.
     */
    public String blockingKey(String clear) {
        String lookedUp = ReferralBlocking.lookedUp(clear);
        if (lookedUp != null) {
            return ReferralBlocking.EARLIER + blockingKey(lookedUp);
        }
        if (clear.startsWith(ReferralBlocking.CRIME)) {
            return ReferralBlocking.CRIME + pseudonym(clear);
        }
        return ReferralBlocking.PERSON + ReferralBlocking.rule(clear) + ":" + pseudonym(clear);
    }

    /** A party's identity in the case graph: a pseudonym of its name in lower case. */
    public String partyIdentity(ReferralSummary.PartySummary party) {
        return pseudonym("party|" + lower(party.forename()) + "|" + lower(party.surname()));
    }

    /**
     * The referral's probes, one per shard it touches, as {@link ReferralBlocking#probes} makes them, with each key
     * pseudonymised and each party sealed under data key {@code keyId}, which {@code keys} holds ({@code wrappedKey}
     * its value on the key topic, carried along); with the keys of the earlier rules to look up when {@code
     * earlierRules} ({@link ReferralBlocking#keys(ReferralSummary, boolean)}).
     */
    public Map<Integer, BlockProbe> probes(
            ReferralSummary r, int shards, DataKeys keys, String keyId, byte[] wrappedKey, boolean earlierRules) {
        String wrapped = Base64.getEncoder().encodeToString(wrappedKey);
        Map<Integer, BlockProbe.Member> sealed = new TreeMap<>();
        Map<Integer, Map<String, List<BlockProbe.Member>>> byShard = new TreeMap<>();
        ReferralBlocking.keys(r, earlierRules).forEach((key, members) -> {
            List<BlockProbe.Member> out = new ArrayList<>(members.size());
            for (BlockProbe.Member m : members) {
                out.add(sealed.computeIfAbsent(m.partyIndex(), i -> seal(keys, keyId, m)));
            }
            byShard.computeIfAbsent(ReferralBlocking.shardOf(key, shards), s -> new TreeMap<>())
                    .put(blockingKey(key), out);
        });
        Map<Integer, BlockProbe> probes = new TreeMap<>();
        byShard.forEach(
                (shard, byKey) -> probes.put(shard, new BlockProbe(r.hubReferralId(), shard, byKey, keyId, wrapped)));
        return probes;
    }

    /** {@code clear} with its personal fields sealed under data key {@code keyId}, which {@code keys} holds. */
    static BlockProbe.Member seal(DataKeys keys, String keyId, BlockProbe.Member clear) {
        byte[] sealed = keys.seal(keyId, FIELD + clear.partyIndex(), encoded(clear));
        return new BlockProbe.Member(
                clear.hubReferralId(),
                clear.partyIndex(),
                clear.role(),
                null,
                null,
                null,
                null,
                null,
                true,
                keyId,
                Base64.getEncoder().encodeToString(sealed),
                0L);
    }

    /** A sealed party in clear, opened with its key, which {@code keys} must hold; empty when it does not. */
    static Optional<BlockProbe.Member> open(DataKeys keys, BlockProbe.Member sealed) {
        return keys.open(
                        sealed.dataKeyId(),
                        FIELD + sealed.partyIndex(),
                        Base64.getDecoder().decode(sealed.sealed()))
                .map(plain -> decoded(sealed, plain));
    }

    private String pseudonym(String value) {
        byte[] mac = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 16));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The personal fields, as {@link MemberFields} writes them. */
    private static byte[] encoded(BlockProbe.Member m) {
        BinaryOut out = new BinaryOut(96);
        try {
            MemberFields.write(out, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BlockProbe.Member decoded(BlockProbe.Member sealed, byte[] plain) {
        try {
            return MemberFields.read(new BinaryIn(plain), sealed.hubReferralId(), sealed.partyIndex(), sealed.role());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "a party sealed under data key " + sealed.dataKeyId() + " does not decode", e);
        }
    }

    /** A map that forgets its least recently used entry beyond {@code max} ({@code onEvict} told of it). */
    static <K, V> Map<K, V> lru(int max, java.util.function.BiConsumer<K, V> onEvict) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > max) {
                    onEvict.accept(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }
}
