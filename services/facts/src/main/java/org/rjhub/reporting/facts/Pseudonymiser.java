package org.rjhub.reporting.facts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Keyed pseudonyms: HMAC-SHA256 under the hub's secret, truncated to 128 bits and written as hex with a prefix
 * naming what was pseudonymised ({@code c-} case, {@code r-} referral, {@code p-} person). The same identifier
 * always gives the same pseudonym, so facts about one case or referral can be put together; without the secret
 * nobody can compute a pseudonym from an identifier (no dictionary attack on the small space of referral ids)
 * or reverse one. Each kind of identifier is hashed in its own domain, so a case id and a referral id that
 * happen to be equal get different pseudonyms.
 *
 * <p>Key versions ({@link PseudonymKeys}): the pseudonyms above are made with version 1, the service's internal key,
 * which keys its stores and internal topics and never changes. What is published ({@link #publish}) is the internal
 * pseudonym itself under version 1, and under a later version {@code v} the internal pseudonym pseudonymised again with
 * key {@code v} (same prefix, same length). So rotating the key changes every published pseudonym from then on without
 * touching the service's state, and the service can still name a case's pseudonym under any version it holds (to link
 * them, {@link #publish(String, int)}); a published pseudonym of version 2 or later needs both keys to be computed from
 * an identifier. Changing version 1 itself changes every pseudonym: rebuild the facts topic and the reporting database
 * together.
 */
public final class Pseudonymiser {

    /** The shortest secret accepted: 32 bytes, the HMAC-SHA256 block's half, as NIST SP 800-107 advises. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;

    private final int current;
    private final Map<Integer, ThreadLocal<Mac>> macs = new HashMap<>();

    private Pseudonymiser(PseudonymKeys keys) {
        this.current = keys.current();
        for (int version : keys.versions()) {
            SecretKeySpec key = new SecretKeySpec(keys.key(version), ALGORITHM);
            macs.put(version, ThreadLocal.withInitial(() -> newMac(key)));
        }
    }

    /** Pseudonyms under {@code keys}: internal ones under version 1, published ones under the current version. */
    public static Pseudonymiser withKeys(PseudonymKeys keys) {
        return new Pseudonymiser(keys);
    }

    /**
     * @param secret the secret, at least {@link #MIN_SECRET_BYTES} bytes in UTF-8 (e.g. {@code openssl rand -base64 48})
     * @throws IllegalArgumentException when it is missing or too short (the message never shows it)
     */
    public static Pseudonymiser withSecret(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the reporting HMAC secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (set RJ_REPORTING_HMAC_KEY, e.g. to the output of `openssl rand -base64 48`)");
        }
        return new Pseudonymiser(PseudonymKeys.ofLegacySecret(secret));
    }

    /** Pseudonym of a hub case id. */
    public String caseKey(String hubCaseId) {
        return "c-" + hmac("case", Objects.requireNonNull(hubCaseId, "hubCaseId"));
    }

    /** Pseudonym of an agency referral: the agency and the agency's own referral id. */
    public String referralKey(SourceAgency agency, String agencyReferralId) {
        return "r-"
                + hmac(
                        "referral",
                        agency.name() + "\u0000" + Objects.requireNonNull(agencyReferralId, "agencyReferralId"));
    }

    /** Pseudonym of a person's justice identifier (PNC id or CRN), compared without case or spaces. */
    public String personKey(IdentifierType type, String value) {
        String normalised = value.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return "p-" + hmac("person", type.name() + "\u0000" + normalised);
    }

    /** The version published pseudonyms are made with. */
    public int keyVersion() {
        return current;
    }

    /** The published form of an internal pseudonym (null stays null), under the current version. */
    public String publish(String internal) {
        return publish(internal, current);
    }

    /** The published form of an internal pseudonym (null stays null) under {@code version}. */
    public String publish(String internal, int version) {
        if (internal == null || version == 1) {
            return internal;
        }
        int dash = internal.indexOf('-');
        return internal.substring(0, dash + 1) + hmac(version, "published", internal);
    }

    private String hmac(String domain, String value) {
        return hmac(1, domain, value);
    }

    private String hmac(int version, String domain, String value) {
        ThreadLocal<Mac> macOfVersion = macs.get(version);
        if (macOfVersion == null) {
            throw new IllegalArgumentException("no pseudonymisation key version " + version);
        }
        Mac mac = macOfVersion.get();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonymiser[HMAC-SHA256, key version " + current + ", secret hidden]";
    }
}
