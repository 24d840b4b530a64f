package org.rjhub.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SourceAgency;

/** Synthetic queue items (invented people) as the router writes them, for the case service's tests. */
public final class CaseFixtures {

    static final String CASE = "RJ-PR-1";
    static final String POLICE_REF = "PR-2026-000123";
    static final String PROBATION_REF = "PROB-2026-000042";
    static final String VS_REF = "VS-ESX-0012345";

    private CaseFixtures() {}

    /** A case from all three agencies: victim Imelda Quarrington, offender Kwabena Fairweather, in Harlow. */
    static QueueItem threeAgencyCase(Instant at) {
        return item(
                CASE,
                QueueItemType.NEW_CASE,
                at,
                List.of(
                        ref(SourceAgency.POLICE, POLICE_REF),
                        ref(SourceAgency.PROBATION, PROBATION_REF),
                        ref(SourceAgency.VICTIM_SUPPORT, VS_REF)));
    }

    public static QueueItem item(String caseId, QueueItemType type, Instant at, List<AgencyReference> refs) {
        return item(
                caseId,
                type,
                at,
                refs,
                List.of(
                        new QueueParty(PartyRole.VICTIM, "Imelda", "Quarrington", "Harlow", null, null),
                        new QueueParty(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow", null, null)));
    }

    public static QueueItem item(
            String caseId, QueueItemType type, Instant at, List<AgencyReference> refs, List<QueueParty> parties) {
        return QueueItem.newBuilder()
                .setCaseId(caseId)
                .setQueue("harlow")
                .setItemType(type)
                .setParties(new ArrayList<>(parties))
                .setOffence(new Offence("058/01", OffenceCategory.CRIMINAL_DAMAGE_AND_ARSON, "Criminal damage"))
                .setCaseType(CaseType.CRIME)
                .setJusticeStage(JusticeStage.SENTENCED)
                .setLinkedReferrals(new ArrayList<>(refs))
                .setFlags(List.of())
                .setCandidateCaseId(null)
                .setMatchWeight(null)
                .setCreatedAt(at)
                .build();
    }

    public static AgencyReference ref(SourceAgency agency, String id) {
        return new AgencyReference(agency, id);
    }

    static AgreementAction action(String id, ActionKind kind, PartyRole owedBy, LocalDate due) {
        return new AgreementAction(id, kind, owedBy, due);
    }
}
