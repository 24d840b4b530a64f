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
 * @param keys          blocking key to the referral's parties that produce it, in key order
 */
public record BlockProbe(String hubReferralId, int shard, Map<String, List<Member>> keys) {

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
            boolean normalised) {

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
            return role.equals(other.role) || "OTHER_PARTY".equals(role) || "OTHER_PARTY".equals(other.role);
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
