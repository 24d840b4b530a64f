package org.rjhub.lagmonitor.status;

/** Burrow's verdict on one partition of a consumer group, from its window of offset commits. */
public enum PartitionStatus {
    /** Lag is zero, or touched zero within the window, or none of the rules below applies. */
    OK,
    /** Offsets advance but the lag grew at every step of the window: the consumer is too slow. */
    WARN,
    /** No commit for longer than the window spans while there is lag: the consumer has stopped. */
    STOP,
    /** Commits keep coming but the offset does not advance while there is lag: the consumer is stuck. */
    STALL,
    /** The committed offset went backwards within the window: someone reset it, or the consumer replays. */
    REWIND;

    /** Whether this status makes the group {@link GroupStatus#ERR}. */
    public boolean isError() {
        return this == STOP || this == STALL || this == REWIND;
    }
}
