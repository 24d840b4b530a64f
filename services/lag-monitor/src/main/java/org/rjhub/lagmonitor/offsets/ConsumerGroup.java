package org.rjhub.lagmonitor.offsets;

import java.util.Objects;

/**
 * A consumer group as the cluster lists it.
 *
 * @param id    the group id
 * @param state the coordinator's state of the group ({@code Stable}, {@code Empty}, ...), {@code Unknown} if not told
 */
public record ConsumerGroup(String id, String state) {

    public ConsumerGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }
}
