package org.rjhub.router.intake;

/** What a version of an agency referral is to the hub, against the latest version it admitted. */
public enum ReferralVersion {
    /** The first version the hub sees of this referral. */
    NEW,
    /** Content that differs from the latest version admitted: applied as an amendment. */
    AMENDMENT,
    /** The same content as the latest version admitted: a redelivery, dropped and counted. */
    REDELIVERY;

    /**
     * @param latestHash  content hash of the latest version admitted, or null when none was
     * @param contentHash content hash of the version that arrived
     */
    public static ReferralVersion of(String latestHash, String contentHash) {
        if (latestHash == null) {
            return NEW;
        }
        return latestHash.equals(contentHash) ? REDELIVERY : AMENDMENT;
    }
}
