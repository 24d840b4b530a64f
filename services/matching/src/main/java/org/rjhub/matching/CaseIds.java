package org.rjhub.matching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Hub case ids: derived from one referral of the case (its anchor), so a replay gives the same id. The router's
 * one-partition graph uses the referral that opened the case; its partitioned graph the case's smallest referral.
 */
public final class CaseIds {

    private CaseIds() {}

    public static String of(String firstHubReferralId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(firstHubReferralId.getBytes(StandardCharsets.UTF_8));
            return "RJ-" + HexFormat.of().formatHex(d, 0, 5).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
