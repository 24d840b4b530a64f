package org.rjhub.console.casework;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.casework.Field.Option;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * The steps a facilitator or coordinator records, each a short form: its questions, the checks of the answers, and
 * the case event it becomes. Whether the case allows a step now is the case API's to say (its {@code steps}, from the
 * case service's state machine), never decided here.
 */
public enum StepKind {
    CONTACT("contact", "CONTACT_MADE", true, "Record contact with the %s"),
    CONTACT_ATTEMPT("contact-attempt", "CONTACT_ATTEMPTED", true, "Record an attempt to contact the %s"),
    INFORMATION(
            "information", "INFORMATION_GIVEN", true, "Record information about restorative justice given to the %s"),
    CONSENT("consent", "CONSENT_GIVEN", true, "Record the %s's consent"),
    WITHDRAWAL("withdrawal", "CONSENT_WITHDRAWN", true, "Record that the %s declined or withdrew"),
    INITIAL_RISK("initial-risk", "RISK_ASSESSED", false, "Record the initial risk assessment"),
    FACILITATION_RISK("risk", "RISK_ASSESSED", false, "Record the facilitation risk assessment"),
    LIAISON("liaison", "STAKEHOLDER_LIAISON", false, "Record liaison with the offender manager or Victim Support"),
    MEETING("meeting", "MEETING_HELD", false, "Record the restorative meeting"),
    INDIRECT("indirect", "INDIRECT_COMMUNICATION", false, "Record indirect communication"),
    AGREEMENT("agreement", "AGREEMENT_RECORDED", false, "Record the outcome agreement"),
    ACTION_DONE("action-done", "ACTION_COMPLETED", false, "Record an agreed action as completed"),
    CLOSE("close", "CASE_CLOSED", false, "Close the case"),
    ALLOCATE("allocate", "ASSIGNED", false, "Allocate the case to a facilitator"),
    DUPLICATE("duplicate", "LINK_CONFIRMED", false, "Decide on a possible duplicate");

    /** Most actions one agreement form takes. */
    public static final int AGREEMENT_ROWS = 3;

    private final String slug;
    private final String eventType;
    private final boolean perParty;
    private final String title;

    StepKind(String slug, String eventType, boolean perParty, String title) {
        this.slug = slug;
        this.eventType = eventType;
        this.perParty = perParty;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String eventType() {
        return eventType;
    }

    public boolean perParty() {
        return perParty;
    }

    public static Optional<StepKind> bySlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }

    /** The page's heading: "Record contact with the victim". */
    public String title(String party) {
        return perParty ? String.format(title, Words.lower(party)) : title;
    }

    /** The option the case API's step carries for this kind (the risk stage), if any. */
    public String stepOption() {
        return switch (this) {
            case INITIAL_RISK -> "INITIAL";
            case FACILITATION_RISK -> "FACILITATION";
            default -> null;
        };
    }

    /**
     * The questions of this step on {@code c}.
     *
     * @param facilitators for an allocation: facilitator id to the words shown (with the caseload)
     */
    public List<Field> fields(CaseDetail c, Map<String, String> facilitators) {
        return switch (this) {
            case CONTACT, CONTACT_ATTEMPT ->
                List.of(Field.radios("method", "How did you contact them?", null, options(ContactMethod.values())));
            case CONSENT ->
                List.of(
                        Field.radios("scope", "What did they consent to?", null, options(ConsentScope.values())),
                        Field.radios(
                                "written",
                                "Is the consent recorded in writing?",
                                "Consent must be in writing before a meeting or indirect communication.",
                                yesNo()));
            case INITIAL_RISK, FACILITATION_RISK ->
                List.of(
                        Field.radios("level", "What is the level of risk?", null, options(RiskLevel.values())),
                        Field.radios("suitable", "Is the case suitable to go ahead?", null, yesNo()),
                        new Field(
                                "unsuitableReason",
                                "If not suitable, why not?",
                                "Only if the case is not suitable.",
                                Field.Kind.SELECT,
                                withNone(options(UnsuitabilityReason.values())),
                                false));
            case MEETING ->
                List.of(
                        Field.radios("format", "How was the meeting held?", null, options(MeetingFormat.values())),
                        new Field(
                                "attendees",
                                "How many people attended?",
                                "Including the facilitators.",
                                Field.Kind.NUMBER,
                                List.of(),
                                true));
            case INDIRECT ->
                List.of(Field.radios(
                        "method", "How did the parties communicate?", null, options(IndirectMethod.values())));
            case AGREEMENT -> agreementFields(c);
            case ACTION_DONE ->
                List.of(Field.radios(
                        "actionId",
                        "Which action is completed?",
                        null,
                        c.actions().stream()
                                .filter(a -> "OPEN".equals(a.status()))
                                .map(a -> new Option(
                                        a.actionId(),
                                        a.actionId() + ": " + Words.of(a.kind()) + " by the " + Words.lower(a.owedBy())
                                                + ", due " + Words.day(a.dueDate())))
                                .toList()));
            case CLOSE ->
                List.of(Field.radios(
                        "reason",
                        "Why is the case closing?",
                        "Only the reasons that fit the case as recorded are offered.",
                        c.steps().stream()
                                .filter(s -> s.type().equals("CASE_CLOSED") && s.allowed())
                                .map(s -> new Option(s.option(), Words.of(s.option())))
                                .toList()));
            case ALLOCATE ->
                List.of(Field.radios(
                        "facilitator",
                        "Who should facilitate this case?",
                        "Each facilitator's open cases are shown.",
                        facilitators.entrySet().stream()
                                .map(e -> new Option(e.getKey(), e.getValue()))
                                .toList()));
            case DUPLICATE ->
                List.of(Field.radios(
                        "decision",
                        "Are these the same case?",
                        null,
                        List.of(
                                new Option("LINK_CONFIRMED", "Yes, link them into one case"),
                                new Option("KEEP_APART", "No, keep them apart"))));
            default -> List.of();
        };
    }

    private static List<Field> agreementFields(CaseDetail c) {
        List<Field> fields = new ArrayList<>();
        List<Option> owners =
                c.roles().stream().map(r -> new Option(r, Words.of(r))).toList();
        for (int i = 1; i <= AGREEMENT_ROWS; i++) {
            boolean first = i == 1;
            String n = "action" + i;
            fields.add(new Field(
                    n + "Kind",
                    "Action " + i + ": what was agreed?",
                    first ? "At least one action. Leave later actions empty if there are none." : null,
                    Field.Kind.SELECT,
                    withNone(options(ActionKind.values())),
                    first));
            fields.add(new Field(
                    n + "OwedBy",
                    "Action " + i + ": who will do it?",
                    null,
                    Field.Kind.SELECT,
                    withNone(owners),
                    first));
            fields.add(new Field(
                    n + "Due",
                    "Action " + i + ": when is it due?",
                    "For example, 27 3 2027",
                    Field.Kind.DATE,
                    List.of(),
                    first));
        }
        return fields;
    }

    /**
     * Checks the answers: a message per field that is missing or not one of its choices, in the fields' order.
     *
     * @param values the form's values (a date's parts under {@code name-day} etc.)
     */
    public Map<String, String> check(List<Field> fields, Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field f : fields) {
            String v = values.getOrDefault(f.name(), "").trim();
            switch (f.kind()) {
                case RADIOS, SELECT -> {
                    if (v.isEmpty()) {
                        if (f.required()) {
                            errors.put(
                                    f.name(), "Select " + lowerFirst(f.label()).replaceAll("\\?$", ""));
                        }
                    } else if (f.options().stream().noneMatch(o -> o.value().equals(v))) {
                        errors.put(f.name(), "Select one of the choices for: " + lowerFirst(f.label()));
                    }
                }
                case NUMBER -> {
                    if (v.isEmpty()) {
                        errors.put(f.name(), "Enter " + lowerFirst(f.label()).replaceAll("\\?$", ""));
                    } else if (!v.matches("\\d{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 100) {
                        errors.put(f.name(), "The number of people must be a whole number between 1 and 100");
                    }
                }
                case DATE -> {
                    String day = values.getOrDefault(f.name() + "-day", "").trim();
                    String month = values.getOrDefault(f.name() + "-month", "").trim();
                    String year = values.getOrDefault(f.name() + "-year", "").trim();
                    if (day.isEmpty() && month.isEmpty() && year.isEmpty()) {
                        if (f.required()) {
                            errors.put(f.name(), "Enter the date the action is due");
                        }
                    } else if (date(day, month, year).isEmpty()) {
                        errors.put(f.name(), "The date the action is due must be a real date, like 27 3 2027");
                    }
                }
                default -> {}
            }
        }
        if (this == AGREEMENT) {
            for (int i = 1; i <= AGREEMENT_ROWS; i++) {
                String n = "action" + i;
                boolean any = !values.getOrDefault(n + "Kind", "").isBlank()
                        || !values.getOrDefault(n + "OwedBy", "").isBlank()
                        || !values.getOrDefault(n + "Due-day", "").isBlank();
                if (any && i > 1) {
                    if (values.getOrDefault(n + "Kind", "").isBlank()) {
                        errors.putIfAbsent(n + "Kind", "Select what was agreed for action " + i);
                    }
                    if (values.getOrDefault(n + "OwedBy", "").isBlank()) {
                        errors.putIfAbsent(n + "OwedBy", "Select who will do action " + i);
                    }
                    if (values.getOrDefault(n + "Due-day", "").isBlank()) {
                        errors.putIfAbsent(n + "Due", "Enter the date action " + i + " is due");
                    }
                }
            }
        }
        if ((this == INITIAL_RISK || this == FACILITATION_RISK)
                && "false".equals(values.get("suitable"))
                && values.getOrDefault("unsuitableReason", "").isBlank()) {
            errors.put("unsuitableReason", "Select why the case is not suitable");
        }
        return errors;
    }

    /** The case event the checked answers describe, as the case API takes it. */
    public Map<String, Object> event(String eventId, String party, Map<String, String> values) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId);
        e.put("type", this == DUPLICATE ? values.get("decision") : eventType);
        if (perParty) {
            e.put("party", party);
        }
        switch (this) {
            case CONTACT -> {
                e.put("method", values.get("method"));
                e.put("successful", true);
            }
            case CONTACT_ATTEMPT -> {
                e.put("method", values.get("method"));
                e.put("successful", false);
            }
            case CONSENT -> {
                e.put("scope", values.get("scope"));
                e.put("written", Boolean.parseBoolean(values.get("written")));
            }
            case INITIAL_RISK, FACILITATION_RISK -> {
                e.put("stage", stepOption());
                e.put("level", values.get("level"));
                boolean suitable = Boolean.parseBoolean(values.get("suitable"));
                e.put("suitable", suitable);
                if (!suitable) {
                    e.put("unsuitableReason", values.get("unsuitableReason"));
                }
            }
            case MEETING -> {
                e.put("format", values.get("format"));
                e.put("attendees", Integer.parseInt(values.get("attendees").trim()));
            }
            case INDIRECT -> e.put("method", values.get("method"));
            case AGREEMENT -> {
                List<Map<String, Object>> actions = new ArrayList<>();
                for (int i = 1; i <= AGREEMENT_ROWS; i++) {
                    String n = "action" + i;
                    if (values.getOrDefault(n + "Kind", "").isBlank()) {
                        continue;
                    }
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("actionId", "A" + i);
                    a.put("kind", values.get(n + "Kind"));
                    a.put("owedBy", values.get(n + "OwedBy"));
                    a.put(
                            "dueDate",
                            dueDate(values, n + "Due").map(LocalDate::toString).orElse(null));
                    actions.add(a);
                }
                e.put("actions", actions);
            }
            case ACTION_DONE -> e.put("actionId", values.get("actionId"));
            case CLOSE -> e.put("reason", values.get("reason"));
            case ALLOCATE -> e.put("facilitator", values.get("facilitator"));
            case DUPLICATE -> e.put("otherCaseId", values.get("otherCaseId"));
            default -> {}
        }
        return e;
    }

    /** The date a {@link Field.Kind#DATE} field's parts make, if they make one. */
    public static Optional<LocalDate> dueDate(Map<String, String> values, String name) {
        return date(
                values.getOrDefault(name + "-day", "").trim(),
                values.getOrDefault(name + "-month", "").trim(),
                values.getOrDefault(name + "-year", "").trim());
    }

    private static Optional<LocalDate> date(String day, String month, String year) {
        if (!day.matches("\\d{1,2}") || !month.matches("\\d{1,2}") || !year.matches("\\d{4}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static List<Option> options(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(v -> new Option(v.name(), Words.of(v.name())))
                .toList();
    }

    private static List<Option> withNone(List<Option> options) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Choose"));
        out.addAll(options);
        return out;
    }

    private static List<Option> yesNo() {
        return List.of(new Option("true", "Yes"), new Option("false", "No"));
    }
}
