package org.rjhub.router.linkage;

import org.rjhub.matching.PreparedPerson;

/**
 * A party ready to be compared: its id worked out once and its person prepared ({@link PreparedPerson}) the first time
 * it is compared, both kept with it wherever it is kept (a decoded entry of {@link BlockMembers}, a party opened by
 * {@link MemberOpener}), so that a party met probe after probe is not prepared again each time.
 */
final class PreparedMember {

    private final BlockProbe.Member member;
    private final String id;
    /** The role, interned: parties of the same role share one string, so that comparing roles is mostly identity. */
    private final String role;

    private PreparedPerson person;

    PreparedMember(BlockProbe.Member member) {
        this.member = member;
        this.id = member.id();
        this.role = member.role().intern();
    }

    BlockProbe.Member member() {
        return member;
    }

    /** The party's id within the hub, {@code <hubReferralId>#<partyIndex>}. */
    String id() {
        return id;
    }

    /** Whether the two may be the same person: {@link BlockProbe.Member#comparableWith}, on the interned roles. */
    boolean comparableWith(PreparedMember other) {
        return BlockProbe.Member.comparableRoles(role, other.role);
    }

    /** The person prepared for comparison, on first use (an incident or a sealed party is never prepared). */
    PreparedPerson person() {
        if (person == null) {
            person = PreparedPerson.of(member.person());
        }
        return person;
    }
}
