package org.rjhub.cases.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.ActionState;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.PartyRole;

/**
 * A case's timers as tables: which are pending for a state, and which are due at a time. Referred on
 * Monday 2 November 2026 at 09:00; first contact due within 10 working days, 30 days of silence at
 * most, reminders 3 days before an action's due date, 2 hours' grace.
 */
class TimersTest {

    private static final ServiceLevels LEVELS = new ServiceLevels(
            10,
            Duration.ofDays(30),
            Duration.ofDays(3),
            Duration.ofHours(2),
            Set.of(LocalDate.parse("2026-12-25")),
            ZoneId.of("Europe/London"));
    private static final Instant REFERRED = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant PROGRESS = Instant.parse("2026-11-05T10:00:00Z");

    /** Expected timers as {@code KIND@instant[@actionId]}, earliest first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void shouldDeriveThePendingTimersFromTheStateAlone(
            String behaviour, Consumer<CaseState> given, List<String> timers) {
        CaseState s = referred();
        given.accept(s);

        assertThat(Timers.pending(s, LEVELS)).extracting(TimersTest::describe).containsExactlyElementsOf(timers);
    }

    static Stream<Arguments> states() {
        return Stream.of(
                row(
                        "a new case: first contact and silence",
                        s -> {},
                        "NO_FIRST_CONTACT@2026-11-17T00:00:00Z",
                        "NO_PROGRESS@2026-12-02T09:00:00Z"),
                row(
                        "contact made: only silence, from the last event",
                        s -> contacted(s),
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "first contact already escalated",
                        s -> s.escalations.add(Timers.NO_FIRST_CONTACT),
                        "NO_PROGRESS@2026-12-02T09:00:00Z"),
                row(
                        "this silence already escalated",
                        s -> s.escalations.add(Timers.noProgressKey(REFERRED)),
                        "NO_FIRST_CONTACT@2026-11-17T00:00:00Z"),
                row(
                        "a new silence after an escalated one",
                        s -> {
                            s.escalations.add(Timers.noProgressKey(REFERRED));
                            s.lastProgressAt = PROGRESS;
                        },
                        "NO_FIRST_CONTACT@2026-11-17T00:00:00Z",
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "an open action: reminder and deadline",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2026-11-20"));
                        },
                        "ACTION_REMINDER@2026-11-17T00:00:00Z@A1",
                        "ACTION_OVERDUE@2026-11-21T00:00:00Z@A1",
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "an action due in summer time",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2027-07-10"));
                        },
                        "NO_PROGRESS@2026-12-05T10:00:00Z",
                        "ACTION_REMINDER@2027-07-06T23:00:00Z@A1",
                        "ACTION_OVERDUE@2027-07-10T23:00:00Z@A1"),
                row(
                        "a reminded action: only its deadline",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2026-11-20"));
                            s.actions.get(0).reminded = true;
                        },
                        "ACTION_OVERDUE@2026-11-21T00:00:00Z@A1",
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "an action already overdue: nothing more",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2026-11-20"));
                            s.actions.get(0).reminded = true;
                            s.actions.get(0).overdue = true;
                        },
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "completed and cancelled actions: nothing",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2026-11-20"));
                            s.actions.add(action("A2", "2026-11-20"));
                            s.actions.get(0).status = ActionState.Status.COMPLETED;
                            s.actions.get(1).status = ActionState.Status.CANCELLED;
                        },
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row(
                        "two actions, earliest first",
                        s -> {
                            contacted(s);
                            s.actions.add(action("A1", "2026-11-27"));
                            s.actions.add(action("A2", "2026-11-13"));
                        },
                        "ACTION_REMINDER@2026-11-10T00:00:00Z@A2",
                        "ACTION_OVERDUE@2026-11-14T00:00:00Z@A2",
                        "ACTION_REMINDER@2026-11-24T00:00:00Z@A1",
                        "ACTION_OVERDUE@2026-11-28T00:00:00Z@A1",
                        "NO_PROGRESS@2026-12-05T10:00:00Z"),
                row("a closed case: nothing", s -> s.status = CaseState.Status.CLOSED),
                row("a merged case: nothing", s -> s.status = CaseState.Status.MERGED),
                row("a case not yet referred: nothing", s -> s.referredAt = null));
    }

    /** A new case: the timers fall due once their time and the grace have passed. */
    @ParameterizedTest(name = "at {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-16T23:59:59Z |
            2026-11-17T00:00:00Z |
            2026-11-17T01:59:59Z |
            2026-11-17T02:00:00Z | NO_FIRST_CONTACT
            2026-12-02T10:59:59Z | NO_FIRST_CONTACT
            2026-12-02T11:00:00Z | NO_FIRST_CONTACT NO_PROGRESS
            """)
    void shouldFireATimerOnlyAfterItsGrace(Instant now, String kinds) {
        List<String> expected = kinds == null ? List.of() : Arrays.asList(kinds.split(" "));

        assertThat(Timers.due(referred(), LEVELS, now))
                .extracting(t -> t.kind().name())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void shouldLookAgainAtTheEarliestTimerPlusTheGrace() {
        CaseState closed = referred();
        closed.status = CaseState.Status.CLOSED;

        assertThat(Timers.next(referred(), LEVELS)).contains(Instant.parse("2026-11-17T02:00:00Z"));
        assertThat(Timers.next(closed, LEVELS)).isEmpty();
    }

    private static CaseState referred() {
        CaseState s = new CaseState("RJ-TEST000001");
        s.referredAt = REFERRED;
        return s;
    }

    private static void contacted(CaseState s) {
        s.party(PartyRole.VICTIM).contactMade = true;
        s.lastProgressAt = PROGRESS;
    }

    private static ActionState action(String id, String due) {
        return new ActionState(id, ActionKind.REPARATION_WORK, PartyRole.OFFENDER, LocalDate.parse(due));
    }

    private static String describe(Timer t) {
        return t.kind() + "@" + t.at() + (t.actionId() == null ? "" : "@" + t.actionId());
    }

    private static Arguments row(String behaviour, Consumer<CaseState> given, String... timers) {
        return Arguments.of(behaviour, given, List.of(timers));
    }
}
