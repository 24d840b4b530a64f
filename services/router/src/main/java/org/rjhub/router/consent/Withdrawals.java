package org.rjhub.router.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.PartyRole;

/** What the output stage keeps per case (store {@value WithheldParties#STORE}): ids and roles only, no names. */
public final class Withdrawals {

    /** The roles whose withdrawal the case service accepted. */
    public List<PartyRole> withdrawn = new ArrayList<>();
    /** Withdrawals waiting for their answer, by event id. */
    public Map<String, PartyRole> pending = new LinkedHashMap<>();
    /** Answers that arrived before their withdrawal, by event id. */
    public Map<String, CaseEventStatus> early = new LinkedHashMap<>();

    boolean isEmpty() {
        return withdrawn.isEmpty() && pending.isEmpty() && early.isEmpty();
    }

    void decided(PartyRole role, CaseEventStatus status) {
        if (status == CaseEventStatus.ACCEPTED && role != null && !withdrawn.contains(role)) {
            withdrawn.add(role);
        }
    }
}
