package org.rjhub.cli.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.rjhub.cases.intake.CaseItem;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * Seeded, simulated coordinators and volunteer facilitators working the cases the router queued, by
 * the Restorative Justice Council's practice: contact, information, written consent, an initial risk
 * assessment, allocation, a second assessment, a meeting or indirect communication, an outcome
 * agreement and its actions, closure. Every event it writes fits the state machine.
 *
 * <p>Of the cases with two parties, the first four are, in order: completed after a meeting, declined,
 * unsuitable, and completed except for one action the offender owes, left overdue (the case stays open,
 * and a later liaison event carries stream time past the due date, so the hub raises ACTION_OVERDUE).
 * The others are mostly completed, some declined, some unsuitable. Cases with one party end without
 * communication. The same seed, items and start give the same events.
 *
 * <p>Events are in time order; publish them in that order with each record's timestamp set to the
 * event's {@code occurredAt} (as {@code KafkaCaseEventSender} does), so the hub's stream-time timers see
 * the simulated days pass. Give a {@code start} at or after the items' {@code createdAt} (e.g. now): the
 * simulated weeks then lie ahead of the wall clock, and only stream time fires the timers. Every ending,
 * the overdue action included, needs at least four cases with two parties.
 */
public final class FacilitatorSimulator {

    /** The coordinating team's id on the events it records. */
    public static final String COORDINATOR = "COORD-01";

    private final long seed;

    public FacilitatorSimulator(long seed) {
        this.seed = seed;
    }

    /** What happens to a case. */
    enum Scenario {
        COMPLETED_MEETING,
        COMPLETED_INDIRECT,
        DECLINED,
        UNSUITABLE,
        OVERDUE_ACTION,
        ONE_PARTY
    }

    /**
     * The facilitators' events for the cases of {@code items} (the router's queue items; reminders are
     * ignored), starting at {@code start}, in time order.
     */
    public List<CaseEvent> drive(List<QueueItem> items, Instant start) {
        Map<String, CaseItem> cases = new LinkedHashMap<>();
        for (QueueItem item : items) {
            if (CaseItem.isIntake(item)) {
                cases.put(item.getCaseId(), CaseItem.of(item));
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Timed> events = new ArrayList<>();
        int twoParty = 0;
        int index = 0;
        for (CaseItem c : cases.values()) {
            List<PartyRole> roles = new ArrayList<>(
                    new LinkedHashSet<>(c.parties().stream().map(p -> p.role()).toList()));
            Scenario scenario;
            if (roles.size() < 2) {
                scenario = Scenario.ONE_PARTY;
            } else {
                scenario = switch (twoParty++) {
                    case 0 -> Scenario.COMPLETED_MEETING;
                    case 1 -> Scenario.DECLINED;
                    case 2 -> Scenario.UNSUITABLE;
                    case 3 -> Scenario.OVERDUE_ACTION;
                    default -> pick(random);
                };
            }
            Instant first = start.plus(Duration.ofMinutes(40L * index++ + random.nextInt(120)));
            new CaseRun(c.caseId(), roles, scenario, first, random, events).run();
        }
        events.sort(Comparator.comparing(Timed::at).thenComparing(Timed::sequence));
        return events.stream().map(Timed::event).toList();
    }

    private static Scenario pick(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 35
                ? Scenario.COMPLETED_MEETING
                : r < 55 ? Scenario.COMPLETED_INDIRECT : r < 80 ? Scenario.DECLINED : Scenario.UNSUITABLE;
    }

    private record Timed(Instant at, long sequence, CaseEvent event) {}

    /** One case worked through its scenario. */
    private final class CaseRun {
        private final String caseId;
        private final List<PartyRole> roles;
        private final Scenario scenario;
        private final SplittableRandom random;
        private final List<Timed> out;
        private final String facilitator;
        private Instant clock;
        private int counter;

        CaseRun(
                String caseId,
                List<PartyRole> roles,
                Scenario scenario,
                Instant first,
                SplittableRandom random,
                List<Timed> out) {
            this.caseId = caseId;
            this.roles = roles;
            this.scenario = scenario;
            this.random = random;
            this.out = out;
            this.facilitator = String.format("FAC-%03d", 1 + random.nextInt(42));
            this.clock = first;
        }

        void run() {
            CaseEvents coordinator = events(COORDINATOR);
            CaseEvents volunteer = events(facilitator);
            PartyRole first = roles.get(0);
            for (PartyRole role : roles) {
                if (random.nextInt(3) == 0) {
                    add(coordinator.contactAttempted(later(4, 30), role, ContactMethod.PHONE));
                }
            }
            if (scenario == Scenario.ONE_PARTY) {
                if (random.nextBoolean()) {
                    add(coordinator.contactAttempted(later(24, 72), first, ContactMethod.LETTER));
                    add(coordinator.closed(later(24, 96), ClosureReason.NO_CONTACT));
                } else {
                    add(coordinator.contactMade(later(4, 48), first, ContactMethod.VIA_REFERRER));
                    add(coordinator.informationGiven(later(1, 24), first));
                    add(coordinator.consentWithdrawn(later(24, 96), first));
                    add(coordinator.closed(later(2, 24), declinedClosure(first)));
                }
                return;
            }
            for (PartyRole role : roles) {
                add(coordinator.contactMade(
                        later(4, 48), role, random.nextBoolean() ? ContactMethod.PHONE : ContactMethod.VIA_REFERRER));
                add(coordinator.informationGiven(later(1, 24), role));
            }
            if (scenario == Scenario.DECLINED) {
                PartyRole decliner = roles.get(random.nextInt(roles.size()));
                add(coordinator.consentWithdrawn(later(24, 120), decliner));
                add(coordinator.closed(later(2, 48), declinedClosure(decliner)));
                return;
            }
            for (PartyRole role : roles) {
                add(coordinator.consentGiven(later(24, 96), role, ConsentScope.RESTORATIVE_PROCESS));
            }
            if (scenario == Scenario.UNSUITABLE && random.nextBoolean()) {
                add(coordinator.riskAssessed(
                        later(24, 72), RiskAssessmentStage.INITIAL, RiskLevel.HIGH, false, unsuitability()));
                add(coordinator.closed(later(2, 48), ClosureReason.UNSUITABLE));
                return;
            }
            add(coordinator.riskAssessed(later(24, 72), RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null));
            add(coordinator.assigned(later(2, 48), facilitator));
            if (random.nextBoolean()) {
                add(volunteer.stakeholderLiaison(later(24, 96)));
            }
            if (scenario == Scenario.UNSUITABLE) {
                add(volunteer.riskAssessed(
                        later(48, 168), RiskAssessmentStage.FACILITATION, RiskLevel.HIGH, false, unsuitability()));
                add(volunteer.closed(later(2, 48), ClosureReason.UNSUITABLE));
                return;
            }
            add(volunteer.riskAssessed(later(48, 168), RiskAssessmentStage.FACILITATION, RiskLevel.LOW, true, null));
            if (scenario == Scenario.COMPLETED_INDIRECT) {
                add(volunteer.indirectCommunication(
                        later(72, 240), random.nextBoolean() ? IndirectMethod.LETTER : IndirectMethod.SHUTTLE));
            } else {
                add(volunteer.meetingHeld(
                        later(72, 240), MeetingFormat.FACE_TO_FACE_CONFERENCE, 3 + random.nextInt(4)));
            }
            PartyRole owes = roles.contains(PartyRole.OFFENDER) ? PartyRole.OFFENDER : roles.get(1);
            Instant agreed = later(1, 6);
            LocalDate day = LocalDate.ofInstant(agreed, CaseStateMachine.ZONE);
            List<AgreementAction> actions = new ArrayList<>();
            actions.add(new AgreementAction("A1", ActionKind.APOLOGY_LETTER, owes, day.plusDays(14)));
            if (scenario == Scenario.OVERDUE_ACTION || random.nextBoolean()) {
                actions.add(new AgreementAction("A2", ActionKind.REPARATION_WORK, owes, day.plusDays(21)));
            }
            add(volunteer.agreementRecorded(agreed, actions));
            add(volunteer.actionCompleted(later(48, 200), "A1"));
            if (scenario == Scenario.OVERDUE_ACTION) {
                // A2 is never completed: the facilitator chases the offender manager after the due date
                clock = actions.get(1)
                        .getDueDate()
                        .plusDays(3)
                        .atStartOfDay(CaseStateMachine.ZONE)
                        .toInstant();
                add(volunteer.stakeholderLiaison(later(9, 12)));
                return;
            }
            if (actions.size() > 1) {
                add(volunteer.actionCompleted(later(24, 100), "A2"));
            }
            add(volunteer.closed(later(24, 96), ClosureReason.AGREEMENT_COMPLETED));
        }

        private ClosureReason declinedClosure(PartyRole role) {
            return role == PartyRole.VICTIM
                    ? ClosureReason.DECLINED_BY_VICTIM
                    : role == PartyRole.OFFENDER ? ClosureReason.DECLINED_BY_OFFENDER : ClosureReason.OTHER;
        }

        private UnsuitabilityReason unsuitability() {
            UnsuitabilityReason[] reasons = {
                UnsuitabilityReason.NO_ACCEPTANCE_OF_RESPONSIBILITY,
                UnsuitabilityReason.RISK_OF_HARM,
                UnsuitabilityReason.SAFEGUARDING_CONCERN,
                UnsuitabilityReason.PARTY_NOT_READY
            };
            return reasons[random.nextInt(reasons.length)];
        }

        private CaseEvents events(String actor) {
            return new CaseEvents(
                    caseId,
                    actor,
                    () -> UUID.nameUUIDFromBytes(
                                    (seed + "|" + caseId + "|" + counter++).getBytes(StandardCharsets.UTF_8))
                            .toString());
        }

        /** Moves the case's clock on by between {@code minHours} and {@code maxHours}. */
        private Instant later(int minHours, int maxHours) {
            clock = clock.plus(Duration.ofMinutes(60L * minHours + random.nextInt(60 * (maxHours - minHours) + 1)));
            return clock;
        }

        private void add(CaseEvent event) {
            out.add(new Timed(event.getOccurredAt(), out.size(), event));
        }
    }
}
