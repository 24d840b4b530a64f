package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseStatus;
import org.rjhub.contracts.hub.PartyRole;

/** What the case stage keeps per case (store {@value CaseStage#STORE}), pseudonymised. */
public final class CaseState {

    /** Facts written for the case so far. */
    public long sequence;
    /** The key version its facts were last published under (1 for a case of before key versions). */
    public int keyVersion = 1;
    /** Open, closed, or merged away. */
    public CaseStatus status = CaseStatus.OPEN;
    /** The case's referrals by pseudonym. */
    public Map<String, ReferralView> referrals = new LinkedHashMap<>();

    public Instant assignedAt;
    public Instant firstContactAt;
    public List<PartyRole> contacted = new ArrayList<>();
    public Instant consentedAt;
    public List<PartyRole> consented = new ArrayList<>();
    public Instant meetingAt;
    public Instant indirectAt;
    public Instant agreementAt;
    public List<String> agreedActions = new ArrayList<>();
    public List<String> completedActions = new ArrayList<>();
    public Instant agreementCompletedAt;
    public List<Decline> declines = new ArrayList<>();
    public String unsuitableStage;
    public String unsuitableReason;
    public Instant closedAt;
    public String closureReason;
    /** Case events not applied yet, in the order of rj.case-events.v1 (the order the case service decides them). */
    public List<CaseEventView> pendingEvents = new ArrayList<>();
    /** Answers waiting for their case event, by event id, in arrival order. */
    public Map<String, List<CaseEventStatus>> pendingResults = new LinkedHashMap<>();

    /** The referrals, earliest first. */
    List<ReferralView> referralsInOrder() {
        List<ReferralView> list = new ArrayList<>(referrals.values());
        list.sort(Comparator.comparing((ReferralView v) -> v.details().receivedAt())
                .thenComparing(v -> v.details().referralKey()));
        return list;
    }

    /**
     * A party declining or withdrawing.
     *
     * @param role   who
     * @param reason WITHDREW_CONSENT or DECLINED
     * @param at     when
     */
    public record Decline(PartyRole role, String reason, Instant at) {}
}
