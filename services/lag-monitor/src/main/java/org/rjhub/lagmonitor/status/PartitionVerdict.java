package org.rjhub.lagmonitor.status;

import java.util.Objects;

/**
 * The status of one partition of a group, why, and on what evidence.
 *
 * @param status   the status
 * @param reason   one sentence an operator can act on
 * @param evidence the window and offsets the rules looked at
 */
public record PartitionVerdict(PartitionStatus status, String reason, Evidence evidence) {

    public PartitionVerdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }
}
