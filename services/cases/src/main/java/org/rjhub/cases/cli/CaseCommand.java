package org.rjhub.cases.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rjhub.cases.api.EventRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hub case}: the facilitators' commands, through the case service's HTTP API. Register it in the
 * {@code hub} command by class ({@code subcommands = {..., CaseCommand.class}}). Exit codes: 0 done,
 * 2 refused or bad input (the reason is printed), 1 the service could not be reached.
 */
@Command(
        name = "case",
        mixinStandardHelpOptions = true,
        description = "Facilitators' work on RJ cases: list a queue, show a case, assign it, record each step.",
        subcommands = {
            CaseCommand.ListCases.class,
            CaseCommand.Show.class,
            CaseCommand.Assign.class,
            CaseCommand.Record.class
        },
        footer = {
            "",
            "The case service's API is at --api, else $RJ_CASES_URL, else http://localhost:7080.",
            "Every request carries an OAuth2 access token: $RJ_CASES_TOKEN (or --token), else, on the local stack, one",
            "for the development user --as (else $RJ_FACILITATOR) from the development identity provider `hub up` runs.",
            "Who records an event is the token's subject."
        })
public class CaseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Supplier<Optional<String>> devTokenEndpoint;
    private final Supplier<Optional<String>> announcedApi;

    /** Where the API is when neither {@code --api}, {@code RJ_CASES_URL} nor {@code hub up} says. */
    static final String DEFAULT_API = "http://localhost:7080";

    /** Without a local stack's development identity provider (a token is then given, or --dev-idp). */
    public CaseCommand() {
        this(Optional::empty);
    }

    /**
     * @param devTokenEndpoint the token endpoint of the development identity provider of the local stack, if one runs
     */
    public CaseCommand(Supplier<Optional<String>> devTokenEndpoint) {
        this(devTokenEndpoint, Optional::empty);
    }

    /**
     * @param devTokenEndpoint the token endpoint of the development identity provider of the local stack, if one runs
     * @param announcedApi     the case service's API that {@code hub up} announced, if one runs
     */
    public CaseCommand(Supplier<Optional<String>> devTokenEndpoint, Supplier<Optional<String>> announcedApi) {
        this.devTokenEndpoint = devTokenEndpoint;
        this.announcedApi = announcedApi;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options every subcommand takes. */
    static final class Connection {
        @Option(
                names = "--api",
                paramLabel = "URL",
                defaultValue = "${env:RJ_CASES_URL}",
                description = "Base URL of the case service's API (default: $RJ_CASES_URL, else the case service "
                        + "`hub up` announced in .rj-data/stack.json, else " + DEFAULT_API + ").")
        String api;

        /** Where {@link #api} came from, for an error message. */
        String apiSource;

        @Option(
                names = "--token",
                paramLabel = "TOKEN",
                defaultValue = "${env:RJ_CASES_TOKEN}",
                description = "OAuth2 access token for the API (default: $RJ_CASES_TOKEN, which is better: others can "
                        + "see a command line).")
        String token;

        @Option(
                names = "--as",
                paramLabel = "ID",
                defaultValue = "${env:RJ_FACILITATOR}",
                description = "Without a token: the development user to get one for from the local stack's "
                        + "development identity provider, e.g. FAC-017, COORD-01, MGR-01 (default: $RJ_FACILITATOR).")
        String actor;

        @Option(
                names = "--dev-idp",
                paramLabel = "URL",
                defaultValue = "${env:RJ_DEV_IDP_TOKEN_URL}",
                description = "Token endpoint of the development identity provider (default: $RJ_DEV_IDP_TOKEN_URL, "
                        + "else the one `hub up` announced).")
        String devIdp;

        /** Settles the API's URL: {@code --api} or {@code RJ_CASES_URL}, else the announced one, else the default. */
        void resolveApi(Supplier<Optional<String>> announced) {
            if (api != null && !api.isBlank()) {
                apiSource = "--api or RJ_CASES_URL";
                return;
            }
            Optional<String> up = announced.get();
            api = up.orElse(DEFAULT_API);
            apiSource = up.isPresent() ? "the case service `hub up` announced (.rj-data/stack.json)" : "the default";
        }

        CasesClient client(Supplier<Optional<String>> announced) {
            if (token != null && !token.isBlank()) {
                return new CasesClient(api, token.trim());
            }
            if (actor == null || actor.isBlank()) {
                throw new IllegalArgumentException("no token: set RJ_CASES_TOKEN, or on the local stack say which "
                        + "development user you are with --as");
            }
            String endpoint = devIdp != null && !devIdp.isBlank()
                    ? devIdp
                    : announced
                            .get()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "no token and no development identity provider: set RJ_CASES_TOKEN, "
                                            + "or start the local stack (`hub up`)"));
            return new CasesClient(api, CasesClient.devToken(URI.create(endpoint), actor));
        }
    }

    /** Runs a request, printing a refusal or an unreachable service as the exit code says. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @ParentCommand
        CaseCommand parent;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public Integer call() {
            try {
                connection.resolveApi(parent == null ? Optional::empty : parent.announcedApi);
                CasesClient.Answer answer =
                        run(connection.client(parent == null ? Optional::empty : parent.devTokenEndpoint));
                if (answer.ok()) {
                    return 0;
                }
                JsonNode b = answer.body();
                if (b.has("rule")) {
                    err().println("refused (" + b.path("rule").asText() + "): "
                            + b.path("reason").asText());
                } else {
                    err().println("error (HTTP " + answer.status() + "): "
                            + b.path("error").asText(b.toString()));
                }
                return answer.status() >= 500 ? 1 : 2;
            } catch (UncheckedIOException e) {
                err().println(e.getMessage());
                if (e.getMessage().startsWith(CasesClient.UNREACHABLE)) {
                    err().println("  tried " + connection.api + " (" + connection.apiSource + "); start the hub with "
                            + "`./hub up` (it announces the case service), or name the API with --api or RJ_CASES_URL");
                }
                return 1;
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                err().println(e.getMessage());
                return 2;
            }
        }

        abstract CasesClient.Answer run(CasesClient client);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Cases on a queue, or of a facilitator.")
    static final class ListCases extends Base {
        @Option(names = "--queue", paramLabel = "NAME", description = "Only this queue, e.g. harlow.")
        String queue;

        @Option(names = "--facilitator", paramLabel = "ID", description = "Only cases allocated to this facilitator.")
        String facilitator;

        @Option(names = "--mine", description = "Only cases allocated to --as.")
        boolean mine;

        @Option(names = "--all", description = "Closed and merged cases too.")
        boolean all;

        @Option(names = "--json", description = "JSON instead of the table.")
        boolean json;

        @Override
        CasesClient.Answer run(CasesClient client) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("queue", queue);
            if (mine && connection.actor == null) {
                throw new IllegalArgumentException("--mine needs --as");
            }
            query.put("facilitator", mine ? connection.actor : facilitator);
            query.put("status", all ? "ALL" : "OPEN");
            CasesClient.Answer answer = client.list(query);
            if (answer.ok()) {
                if (json) {
                    out().println(answer.body().toPrettyString());
                } else {
                    out().printf(
                                    "%-22s %-18s %-13s %-9s %-4s %s%n",
                                    "CASE", "QUEUE", "STAGE", "FAC", "REFS", "PARTIES");
                    for (JsonNode c : answer.body()) {
                        List<String> parties = new ArrayList<>();
                        c.path("parties").forEach(p -> parties.add(p.asText()));
                        out().printf(
                                        "%-22s %-18s %-13s %-9s %-4d %s%n",
                                        c.path("caseId").asText(),
                                        c.path("queue").asText(),
                                        c.path("stage").asText(),
                                        c.path("facilitator").asText("-"),
                                        c.path("referrals").asInt(),
                                        String.join("; ", parties));
                    }
                }
            }
            return answer;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One case: parties, progress, actions, history.")
    static final class Show extends Base {
        @Parameters(paramLabel = "CASE", description = "The hub case id.")
        String caseId;

        @Option(names = "--json", description = "The whole case as JSON.")
        boolean json;

        @Override
        CasesClient.Answer run(CasesClient client) {
            CasesClient.Answer answer = client.show(caseId);
            if (answer.ok()) {
                JsonNode c = answer.body();
                if (json) {
                    out().println(c.toPrettyString());
                    return answer;
                }
                out().printf(
                                "%s  %s  queue %s  facilitator %s%n",
                                c.path("caseId").asText(),
                                c.path("stage").asText(),
                                c.path("queue").asText(),
                                c.path("facilitator").asText("-"));
                c.path("parties").forEach(p -> {
                    JsonNode progress = c.path("progress").path(p.path("role").asText());
                    out().printf(
                                    "  %-11s %s %s (%s): contact %s, informed %s, consents %s%s%n",
                                    p.path("role").asText(),
                                    p.path("forename").asText(),
                                    p.path("surname").asText(),
                                    p.path("district").asText("-"),
                                    progress.path("contactMade").asBoolean(),
                                    progress.path("informed").asBoolean(),
                                    progress.path("consents"),
                                    progress.path("withdrawn").asBoolean() ? ", WITHDRAWN" : "");
                });
                c.path("referrals")
                        .forEach(r -> out().printf(
                                        "  referral    %s %s%n",
                                        r.path("agency").asText(),
                                        r.path("agencyReferralId").asText()));
                c.path("actions")
                        .forEach(a -> out().printf(
                                        "  action      %s %s owed by %s due %s: %s%n",
                                        a.path("actionId").asText(),
                                        a.path("kind").asText(),
                                        a.path("owedBy").asText(),
                                        a.path("dueDate").asText(),
                                        a.path("status").asText()));
                c.path("history")
                        .forEach(h -> out().printf(
                                        "  %s  %-22s %-9s by %s%n",
                                        h.path("occurredAt").asText(),
                                        h.path("type").asText(),
                                        h.path("party").asText(""),
                                        h.path("actor").asText()));
                c.path("timers")
                        .forEach(t -> out().printf(
                                        "  due         %s at %s%n",
                                        t.path("kind").asText(), t.path("at").asText()));
            }
            return answer;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Allocate a case to a facilitator.")
    static final class Assign extends Base {
        @Parameters(index = "0", paramLabel = "CASE", description = "The hub case id.")
        String caseId;

        @Parameters(index = "1", paramLabel = "FACILITATOR", description = "The volunteer facilitator's id.")
        String facilitator;

        @Override
        CasesClient.Answer run(CasesClient client) {
            return printed(client.record(caseId, EventRequest.assign(facilitator)), out());
        }
    }

    @Command(
            name = "record",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Record a step on a case; it is checked against the case first and refused with the reason.",
            footer = {
                "",
                "Examples:",
                "  hub case record RJ-PR-1 CONTACT_MADE --party VICTIM --method PHONE --as FAC-017",
                "  hub case record RJ-PR-1 CONSENT_GIVEN --party VICTIM --scope RESTORATIVE_PROCESS --as FAC-017",
                "  hub case record RJ-PR-1 RISK_ASSESSED --stage FACILITATION --level LOW --suitable --as FAC-017",
                "  hub case record RJ-PR-1 AGREEMENT_RECORDED --action A1:APOLOGY_LETTER:OFFENDER:2026-12-01 --as FAC-017",
                "  hub case record RJ-PR-1 CASE_CLOSED --reason AGREEMENT_COMPLETED --as FAC-017"
            })
    static final class Record extends Base {
        @Parameters(index = "0", paramLabel = "CASE", description = "The hub case id.")
        String caseId;

        @Parameters(
                index = "1",
                paramLabel = "TYPE",
                description =
                        "ASSIGNED, CONTACT_ATTEMPTED, CONTACT_MADE, "
                                + "INFORMATION_GIVEN, CONSENT_GIVEN, CONSENT_WITHDRAWN, RISK_ASSESSED, STAKEHOLDER_LIAISON, MEETING_HELD, "
                                + "INDIRECT_COMMUNICATION, AGREEMENT_RECORDED, ACTION_COMPLETED, CASE_CLOSED, LINK_CONFIRMED, KEEP_APART.")
        String type;

        @Option(names = "--party", paramLabel = "ROLE", description = "VICTIM, OFFENDER or OTHER_PARTY.")
        String party;

        @Option(
                names = "--method",
                description = "Contact: PHONE, TEXT, EMAIL, LETTER, VIA_REFERRER; indirect: LETTER, "
                        + "SHUTTLE, RECORDED_MESSAGE.")
        String method;

        @Option(
                names = "--scope",
                description = "Consent: RESTORATIVE_PROCESS, DIRECT_MEETING, INDIRECT_COMMUNICATION, ...")
        String scope;

        @Option(names = "--not-written", description = "The consent is not in writing (it will be refused).")
        boolean notWritten;

        @Option(names = "--stage", description = "Risk assessment: INITIAL or FACILITATION.")
        String stage;

        @Option(names = "--level", description = "Risk level: LOW, MEDIUM, HIGH.")
        String level;

        @Option(names = "--suitable", negatable = true, description = "The risk assessment found the case suitable.")
        Boolean suitable;

        @Option(
                names = "--unsuitable-reason",
                paramLabel = "REASON",
                description =
                        "NO_ACCEPTANCE_OF_RESPONSIBILITY, RISK_OF_HARM, SAFEGUARDING_CONCERN, PARTY_NOT_READY, ...")
        String unsuitableReason;

        @Option(names = "--format", description = "Meeting: FACE_TO_FACE_CONFERENCE, VIDEO_CONFERENCE, OTHER.")
        String format;

        @Option(names = "--attendees", description = "Meeting: people present.")
        Integer attendees;

        @Option(
                names = "--action",
                paramLabel = "ID:KIND:OWED_BY:DUE",
                description = "Agreement action, repeatable, e.g. A1:APOLOGY_LETTER:OFFENDER:2026-12-01.")
        List<String> actions;

        @Option(names = "--action-id", paramLabel = "ID", description = "ACTION_COMPLETED: the action.")
        String actionId;

        @Option(
                names = "--reason",
                description = "CASE_CLOSED: AGREEMENT_COMPLETED, DECLINED_BY_VICTIM, UNSUITABLE, ...")
        String reason;

        @Option(names = "--facilitator", paramLabel = "ID", description = "ASSIGNED: the facilitator.")
        String facilitator;

        @Option(
                names = "--other-case",
                paramLabel = "CASE",
                description = "LINK_CONFIRMED, KEEP_APART: the other case.")
        String otherCase;

        @Option(
                names = "--at",
                paramLabel = "INSTANT",
                description = "When it happened, e.g. 2026-11-02T10:00:00Z (default: now).")
        Instant at;

        @Option(
                names = "--event-id",
                paramLabel = "ID",
                description = "Your own event id: a retry with it is harmless.")
        String eventId;

        @Override
        CasesClient.Answer run(CasesClient client) {
            List<EventRequest.Action> parsed = actions == null
                    ? null
                    : actions.stream().map(Record::action).toList();
            EventRequest request = new EventRequest(
                    eventId,
                    type,
                    party,
                    at,
                    method,
                    null,
                    scope,
                    notWritten ? Boolean.FALSE : null,
                    stage,
                    level,
                    suitable,
                    unsuitableReason,
                    format,
                    attendees,
                    parsed,
                    actionId,
                    reason,
                    facilitator,
                    otherCase);
            return printed(client.record(caseId, request), out());
        }

        private static EventRequest.Action action(String spec) {
            String[] p = spec.split(":");
            if (p.length != 4) {
                throw new IllegalArgumentException("--action is ID:KIND:OWED_BY:DUE, not " + spec);
            }
            return new EventRequest.Action(p[0], p[1], p[2], LocalDate.parse(p[3]));
        }
    }

    static CasesClient.Answer printed(CasesClient.Answer answer, PrintWriter out) {
        if (answer.ok()) {
            JsonNode b = answer.body();
            out.printf(
                    "%s %s on %s (event %s)%s%n",
                    b.path("status").asText(),
                    b.path("type").asText(),
                    b.path("caseId").asText(),
                    b.path("eventId").asText(),
                    b.path("outcomes").isEmpty() ? "" : "; agencies will hear: " + b.path("outcomes"));
        }
        return answer;
    }
}
