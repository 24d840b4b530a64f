package org.rjhub.cli;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.cases.CasesDriver;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.router.RouterDriver;

/**
 * What one instance of the router and one of the case service make of referrals: each in its
 * {@code TopologyTestDriver}, the router's queue items given to the case service, no broker.
 */
final class OneInstance {

    private OneInstance() {}

    /**
     * The open cases the case service holds after {@code records}, each as the set of its referrals
     * ({@code AGENCY/referral id}). A case the router holds until sentence is not among them: the router answered
     * its referral with a case id, but queued nothing for it yet.
     */
    static Set<Set<String>> openCases(List<AgencyRecord> records) {
        try (CasesDriver cases = new CasesDriver()) {
            RouterDriver.queueItems(records).forEach(cases::item);
            return cases.states().values().stream()
                    .filter(CaseState::open)
                    .map(s -> (Set<String>) s.referrals.stream()
                            .map(r -> r.agency() + "/" + r.agencyReferralId())
                            .collect(Collectors.toCollection(TreeSet::new)))
                    .collect(Collectors.toSet());
        }
    }
}
