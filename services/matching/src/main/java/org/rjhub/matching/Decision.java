package org.rjhub.matching;

/** What to do with a scored pair. */
public enum Decision {
    /** Same person: link automatically. */
    MATCH,
    /** Possibly the same person: a person decides (keep apart or link). */
    REVIEW,
    /** Different people. */
    NO_MATCH
}
