package org.rjhub.router.intake;

/** The rules an incoming referral must pass; each names what the agency must fix. */
public enum ValidationRule {
    /** The record could not be read with the agency's registered schema. */
    UNREADABLE_RECORD("resend the referral in the registered Avro schema of the topic"),
    /** A record without a value (a tombstone): not a referral. */
    NO_VALUE("send the referral itself; a record without a value (tombstone) is not a referral, and a referral is "
            + "withdrawn or corrected by sending it again with the same id"),
    /** The value is not in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary). */
    NOT_WIRE_FORMAT("serialise the value with a schema registry Avro serializer (Confluent wire format: magic byte 0, "
            + "4-byte schema id, Avro binary)"),
    /** The schema id in the framing is not one the registry knows. */
    UNKNOWN_SCHEMA_ID("serialise with the schema registered for the topic's subject (<topic>-value)"),
    /** The schema id is the registry's, but of another record (e.g. another agency's schema). */
    WRONG_SCHEMA("publish each referral with the schema of the topic it is sent to (<topic>-value)"),
    /** The Avro body ends before the schema's last field. */
    TRUNCATED_RECORD("resend the whole record: its bytes end before the schema's last field"),
    /** Bytes follow the end of the Avro body. */
    TRAILING_BYTES("resend the record exactly as the serializer wrote it: bytes follow the end of the referral"),
    /** The value is larger than the topic's limit. */
    RECORD_TOO_LARGE("send a smaller referral, within the topic's size limits (hub topics)"),
    /** A text field is longer than the topic's limit. */
    TEXT_TOO_LONG("shorten the field to the topic's text limit (hub topics)"),
    /** A list holds more items than the topic's limit. */
    TOO_MANY_ITEMS("send at most the topic's list limit of items (hub topics); split the referral if need be"),
    /** The record has no key, or an empty one. */
    KEY_MISSING("set the record's key to the referral id"),
    /** The key is longer than the topic's limit. */
    KEY_TOO_LONG("set the record's key to the referral id, within the topic's key limit (hub topics)"),
    /** The key differs from the referral id inside the record. */
    KEY_MISMATCH("set the record's key to the referral id inside the record"),
    /** A name is made only of invisible or control characters, or of one character repeated. */
    NAME_NOT_A_NAME("give the person's name as recorded, or leave the party out"),
    /** A required text field is empty. */
    REQUIRED_FIELD_EMPTY("fill in the field"),
    /** A date of birth lies after the referral was submitted. */
    DATE_OF_BIRTH_IN_FUTURE("correct the date of birth"),
    /** The incident date lies after the referral was submitted. */
    INCIDENT_DATE_IN_FUTURE("correct the incident date"),
    /** A postcode is not a UK postcode (outward code, space, inward code, e.g. CM20 1AB). */
    POSTCODE_SYNTAX("give a full UK postcode such as CM20 1AB"),
    /** The district is not one the service covers. */
    DISTRICT_NOT_IN_ESSEX("give the Essex district or unitary authority where the incident happened"),
    /** The referral names nobody the service could contact. */
    NO_PARTIES("name at least one victim or offender"),
    /** Processing failed for a reason that is not the agency's: the hub's operators investigate. */
    INTERNAL_ERROR("no action needed: the hub's operators have been told");

    private final String fix;

    ValidationRule(String fix) {
        this.fix = fix;
    }

    /** What the sender should do, in words an agency's caseworker acts on. */
    public String fix() {
        return fix;
    }
}
