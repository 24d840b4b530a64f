package org.rjhub.router.linkage;

import java.time.LocalDate;
import java.util.List;

/**
 * One referral's people under one blocking key, sent to the partition that owns the key.
 * A crime-reference key carries no people: every referral under it is the same incident.
 *
 * @param hubReferralId the referral
 * @param members       its parties that produce this key
 */
public record BlockProbe(String hubReferralId, List<Member> members) {

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
     */
    public record Member(String hubReferralId, int partyIndex, String role, String forename, String surname,
                         LocalDate dateOfBirth, String postcode, String addressLine) {

        PersonRecord person() {
            return PersonRecord.normalised(hubReferralId + "#" + partyIndex, forename, surname, dateOfBirth, postcode,
                    addressLine);
        }

        boolean comparableWith(Member other) {
            return role.equals(other.role) || "OTHER_PARTY".equals(role) || "OTHER_PARTY".equals(other.role);
        }
    }

    public BlockProbe {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
