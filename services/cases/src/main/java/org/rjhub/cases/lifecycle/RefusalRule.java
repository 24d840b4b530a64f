package org.rjhub.cases.lifecycle;

/**
 * The rules a case event can break, each with what the sender can do about it. The name is the
 * dead letter's {@code rule} and the result's {@code rule}; reasons never quote personal data.
 */
public enum RefusalRule {
    KEY_NOT_CASE_ID("key the record by the event's caseId, so it reaches its case"),
    UNKNOWN_CASE("check the case id; a case exists once the router has queued it"),
    CASE_CLOSED("the case is closed: nothing more can be recorded on it"),
    CASE_MERGED("the case was merged into another case: record the event on that case"),
    RECORDED_BY_HUB("the hub raises this event type itself; it cannot be sent"),
    DETAILS_REQUIRED("send the details record this event type needs"),
    PARTY_REQUIRED("name the party the event concerns (partyRole)"),
    PARTY_NOT_IN_CASE("the case has no party in this role: check partyRole"),
    PARTY_WITHDRAWN("the party withdrew consent: the process has stopped for them"),
    ALREADY_WITHDRAWN("the party's withdrawal is already recorded"),
    CONTACT_NOT_MADE("record CONTACT_ATTEMPTED for an unsuccessful attempt, CONTACT_MADE once the person is reached"),
    NOT_CONTACTED("record CONTACT_MADE with the party first"),
    NOT_INFORMED("record INFORMATION_GIVEN first: consent must be informed"),
    CONSENT_NOT_WRITTEN("consent must be recorded in writing (written = true)"),
    NO_INITIAL_RISK_ASSESSMENT("record the INITIAL risk assessment (suitable) before allocating a facilitator"),
    INITIAL_ASSESSMENT_AFTER_ALLOCATION(
            "a facilitator is allocated: record the second assessment with stage FACILITATION"),
    NOT_ASSIGNED("allocate a facilitator (ASSIGNED) before the facilitation risk assessment"),
    CASE_UNSUITABLE("the latest risk assessment found the case unsuitable: reassess or close the case"),
    SINGLE_PARTY("communication needs two parties, and the case has one"),
    MEETING_BEFORE_CONSENT("every party must consent to a meeting (RESTORATIVE_PROCESS or DIRECT_MEETING)"),
    INDIRECT_BEFORE_CONSENT("every party must consent (RESTORATIVE_PROCESS or INDIRECT_COMMUNICATION)"),
    NO_FACILITATION_RISK_ASSESSMENT("record a FACILITATION risk assessment that finds the case suitable first"),
    NO_COMMUNICATION("an agreement follows a meeting or indirect communication: record that first"),
    AGREEMENT_ALREADY_RECORDED("the case has its outcome agreement; record ACTION_COMPLETED for its actions"),
    AGREEMENT_INVALID(
            "list each action once, owed by a party of the case who has not withdrawn, due on or after the day"),
    NO_AGREEMENT("record the outcome agreement (AGREEMENT_RECORDED) first"),
    UNKNOWN_ACTION("name an action of the case's agreement (actionId)"),
    ACTION_NOT_OPEN("the action is already completed or was cancelled"),
    CLOSURE_INCONSISTENT("choose the closure reason that matches what is recorded on the case"),
    INTERNAL_ERROR("the hub could not process the event; it is kept in the dead letters for the hub team");

    private final String fix;

    RefusalRule(String fix) {
        this.fix = fix;
    }

    /** What the sender can do about it. */
    public String fix() {
        return fix;
    }
}
