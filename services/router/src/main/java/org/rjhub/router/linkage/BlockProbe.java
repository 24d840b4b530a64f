package org.rjhub.router.linkage;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rjhub.matching.PersonRecord;

/**
 * One referral's blocking keys that one shard (a partition of the blocking topic) owns, each with
 * the referral's people who produce it, sent to that shard in one message. A crime-reference key
 * carries no people: every referral under it is the same incident.
 *
 * @param hubReferralId the referral
 * @param shard         the shard owning these keys ({@link ReferralBlocking#shardOf})
 * @param keys          blocking key to the referral's parties that produce it, in key order; with a master key each
 *                      key is a pseudonym ({@link SealedLinkage#blockingKey}) and each party sealed
 * @param dataKeyId     with a master key: the referral's data key, under which its parties are sealed; else null
 * @param wrappedKey    with a master key: that key as {@code rj.data-keys.v1} holds it (wrapped by the master key,
 *                      base64), so that the shard opens the probe's parties before its global store has read the key;
 *                      never stored; else null
 */
public record BlockProbe(
        String hubReferralId, int shard, Map<String, List<Member>> keys, String dataKeyId, String wrappedKey) {

    /** A probe in clear (a router without a master key). */
    public BlockProbe(String hubReferralId, int shard, Map<String, List<Member>> keys) {
        this(hubReferralId, shard, keys, null, null);
    }

    /**
     * A party as the block keeps it.
     *
     * @param hubReferralId referral the party comes from
     * @param partyIndex    position among the referral's parties
     * @param role          VICTIM, OFFENDER or OTHER_PARTY
     * @param forename      as given
     * @param surname       as given
     * @param dateOfBirth   if known
     * @param postcode      if known
     * @param addressLine   first address line, if known
     * @param normalised    true when the values above are already in the matcher's normal form (names and address
     *                      cleaned, postcode formatted: {@link PersonRecord#normalised}), as the intake now stores
     *                      them, so that comparing never runs the normalising regular expressions again; false for
     *                      members stored as given by an earlier release, normalised on each read as before
     * @param dataKeyId     with a master key: the referral's data key, under which {@code sealed} holds the party (the
     *                      five personal fields above then null); else null
     * @param sealed        with a master key: the party's personal fields sealed ({@link SealedLinkage#seal}), base64
     * @param storedAt      wall-clock milliseconds at which the shard stored a sealed party (0 in a probe): a party whose
     *                      key is nowhere to be read, stored longer ago than a key takes to be read, was erased
     */
    public record Member(
            String hubReferralId,
            int partyIndex,
            String role,
            String forename,
            String surname,
            LocalDate dateOfBirth,
            String postcode,
            String addressLine,
            boolean normalised,
            String dataKeyId,
            String sealed,
            long storedAt) {

        /** A party in clear. */
        public Member(
                String hubReferralId,
                int partyIndex,
                String role,
                String forename,
                String surname,
                LocalDate dateOfBirth,
                String postcode,
                String addressLine,
                boolean normalised) {
            this(
                    hubReferralId,
                    partyIndex,
                    role,
                    forename,
                    surname,
                    dateOfBirth,
                    postcode,
                    addressLine,
                    normalised,
                    null,
                    null,
                    0L);
        }

        /** Whether the party's personal fields are sealed. */
        boolean hasSealedFields() {
            return dataKeyId != null;
        }

        /** The sealed party as the shard stores it at {@code now}. */
        Member storedAt(long now) {
            return new Member(
                    hubReferralId,
                    partyIndex,
                    role,
                    forename,
                    surname,
                    dateOfBirth,
                    postcode,
                    addressLine,
                    normalised,
                    dataKeyId,
                    sealed,
                    now);
        }

        /** A party as given, normalised once here: what the intake stores and sends. */
        static Member of(String hubReferralId, int partyIndex, String role, PersonRecord given) {
            PersonRecord p = PersonRecord.normalised(
                    given.id(),
                    given.givenName(),
                    given.surname(),
                    given.dateOfBirth(),
                    given.postcode(),
                    given.addressLine());
            return new Member(
                    hubReferralId,
                    partyIndex,
                    role,
                    p.givenName(),
                    p.surname(),
                    p.dateOfBirth(),
                    p.postcode(),
                    p.addressLine(),
                    true);
        }

        PersonRecord person() {
            return normalised
                    ? new PersonRecord(id(), forename, surname, dateOfBirth, postcode, addressLine)
                    : PersonRecord.normalised(id(), forename, surname, dateOfBirth, postcode, addressLine);
        }

        boolean comparableWith(Member other) {
            return comparableRoles(role, other.role);
        }

        /** Whether parties of these roles may be the same person: the same role, or either an other party. */
        static boolean comparableRoles(String a, String b) {
            return a.equals(b) || "OTHER_PARTY".equals(a) || "OTHER_PARTY".equals(b);
        }

        /** The party's id within the hub, {@code <hubReferralId>#<partyIndex>}. */
        String id() {
            return hubReferralId + "#" + partyIndex;
        }
    }

    public BlockProbe {
        TreeMap<String, List<Member>> copy = new TreeMap<>();
        if (keys != null) {
            keys.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        keys = java.util.Collections.unmodifiableMap(copy);
    }
}
