package org.rjhub.cases.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.contracts.hub.Address;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.ContactDetails;
import org.rjhub.contracts.hub.OffenderManager;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.Referral;

/**
 * How to reach the people of one referral, as the canonical referral ({@code rj.referrals.v1}) gives it: each party's
 * contact details and, on a probation referral, the offender manager. Nothing else of the referral is kept (no date of
 * birth, identifier, vulnerability or need). Kept with the case in the case service's store, erased with it, and shown
 * by the case API only to the case's facilitator and its queue's coordinators.
 *
 * @param referral        the referral the details came from
 * @param parties         the parties the agency gave contact details for
 * @param offenderManager the probation practitioner, on a probation referral; null otherwise
 */
public record ReferralContacts(Ref referral, List<PartyContact> parties, Practitioner offenderManager) {

    public ReferralContacts {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /**
     * One party's contact details.
     *
     * @param preferredMethod the agency's symbol, e.g. {@code PHONE}, {@code LETTER}, {@code VIA_REFERRER}
     * @param address         the postal address on one line, or null
     */
    public record PartyContact(
            PartyRole role,
            String forename,
            String surname,
            String preferredMethod,
            String phone,
            String email,
            String address) {}

    /** A practitioner at an agency: name, team, work email. */
    public record Practitioner(String name, String team, String email) {}

    /** The contact details a canonical referral carries. */
    public static ReferralContacts of(Referral r) {
        List<PartyContact> parties = new ArrayList<>();
        for (CanonicalParty p : r.getParties()) {
            ContactDetails c = p.getContact();
            if (c != null) {
                parties.add(new PartyContact(
                        p.getRole(),
                        p.getForename(),
                        p.getSurname(),
                        c.getPreferredMethod().name(),
                        c.getPhone(),
                        c.getEmail(),
                        line(c.getAddress())));
            }
        }
        OffenderManager om =
                r.getProbationDetails() == null ? null : r.getProbationDetails().getOffenderManager();
        return new ReferralContacts(
                new Ref(r.getSourceAgency(), r.getAgencyReferralId()),
                parties,
                om == null ? null : new Practitioner(om.getName(), om.getTeam(), om.getEmail()));
    }

    private static String line(Address a) {
        return a == null
                ? null
                : Stream.of(a.getLine1(), a.getLine2(), a.getTown(), a.getPostcode())
                        .filter(Objects::nonNull)
                        .filter(s -> !s.isBlank())
                        .collect(Collectors.joining(", "));
    }

    /** The same, without the parties of {@code roles} (who withdrew: their details are no longer shown). */
    public ReferralContacts without(java.util.Set<PartyRole> roles) {
        return roles.isEmpty()
                ? this
                : new ReferralContacts(
                        referral,
                        parties.stream().filter(p -> !roles.contains(p.role())).toList(),
                        offenderManager);
    }
}
