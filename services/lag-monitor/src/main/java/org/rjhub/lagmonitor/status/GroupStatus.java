package org.rjhub.lagmonitor.status;

/** A consumer group's status: the worst of its partitions, with STOP, STALL and REWIND all counting as ERR. */
public enum GroupStatus {
    OK,
    WARN,
    ERR
}
